package com.exportservice.security;

import com.exportservice.config.ConfigException;
import com.exportservice.config.DataTypes;
import com.exportservice.config.DataTypesLoader;
import com.exportservice.config.Settings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar export-service.jar token create|revoke|list}: manages the tokens file (contract section
 * 11). {@code create} prints the new token once, on stdout and nowhere else, and stores only its SHA-256.
 * The running service picks every change up without a restart. Exit status: 0 done, 1 the file could not
 * be written, 2 invalid arguments or settings.
 */
public final class TokenCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;

    private static final String USAGE = """
            Usage: java -jar export-service.jar token create --name NAME --role viewer|operator [--data-types A,B]
                   java -jar export-service.jar token revoke --name NAME
                   java -jar export-service.jar token list

              create   prints a new random token once on stdout and adds its SHA-256 to the tokens file
                       (exporter.security.tokens-file, default config/tokens.yaml); the token itself is stored nowhere
                --name        who holds it (1-64 characters A-Z a-z 0-9 _ . @ -); recorded as requested_by of its exports
                --role        viewer: reads everything; operator: also starts, previews, cancels and retries exports
                --data-types  limits the token to these data types (comma-separated); default: all
              revoke   removes a token from the file; the running service refuses it at once
              list     names, roles and data types of the tokens in the file
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDir;
    private final Map<String, String> overrides;

    TokenCommand(PrintStream out, PrintStream err, Path workingDir, Map<String, String> overrides) {
        this.out = out;
        this.err = err;
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.overrides = Map.copyOf(overrides);
    }

    /** The command as the jar runs it: the process's working directory. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Path.of("").toAbsolutePath(), Map.of());
    }

    /** The command for a working directory, with settings that win over every other source (tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, Path workingDir, Map<String, String> settingOverrides) {
        return new TokenCommand(out, err, workingDir, settingOverrides).execute(Arrays.asList(args));
    }

    int execute(List<String> args) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? INVALID : OK;
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!List.of("--name", "--role", "--data-types").contains(a)) {
                problems.add("unknown option '" + a + "'");
            } else if (i + 1 >= args.size()) {
                problems.add(a + " needs a value");
            } else if (options.put(a, args.get(++i)) != null) {
                problems.add(a + " is given twice");
            }
        }
        try {
            Settings settings = Settings.load(workingDir, System.getenv(), System.getProperties(), overrides);
            String shown = settings.get(HttpAccessSettings.TOKENS_FILE, "config/tokens.yaml");
            Path file = workingDir.resolve(shown).normalize();
            return switch (args.get(0)) {
                case "create" -> create(options, problems, settings, file, shown);
                case "revoke" -> revoke(options, problems, file, shown);
                case "list" -> list(options, problems, file, shown);
                default -> invalid(List.of("unknown command '" + args.get(0) + "' (create, revoke or list)"));
            };
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return INVALID;
        } catch (IOException e) {
            err.println("cannot write the tokens file: " + e.getMessage());
            return FAILED;
        }
    }

    private int create(Map<String, String> options, List<String> problems, Settings settings, Path file, String shown)
            throws IOException {
        String name = options.get("--name");
        Role role = Role.fromName(options.get("--role"));
        if (name == null || !ApiToken.NAME.matcher(name).matches()) {
            problems.add("--name: required, 1-64 characters A-Z a-z 0-9 _ . @ -, starting with a letter or digit");
        }
        if (role == null) {
            problems.add("--role: required, viewer or operator");
        }
        List<String> types = null;
        if (options.containsKey("--data-types")) {
            types = dataTypes(options.get("--data-types"), DataTypesLoader.load(settings, workingDir), problems);
        }
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        String token = TokenHashes.newToken();
        ApiToken entry = new ApiToken(name, TokenHashes.sha256Hex(token), role, types);
        TokensFile.update(file, shown, current -> {
            if (current.stream().anyMatch(t -> t.name().equals(name))) {
                throw new ConfigException(shown + ": a token named '" + name + "' exists already (revoke it first, or choose another name)");
            }
            List<ApiToken> next = new ArrayList<>(current);
            next.add(entry);
            return next;
        });
        out.println(token);
        out.flush();
        err.println("token '" + name + "' (" + role.yamlName() + (types == null ? ", all data types" : ", data types " + String.join(", ", types))
                + ") added to " + shown + ". It is shown only this once: keep it in a secret store.");
        return OK;
    }

    private int revoke(Map<String, String> options, List<String> problems, Path file, String shown) throws IOException {
        String name = options.get("--name");
        if (name == null) {
            problems.add("--name: required");
        }
        if (options.containsKey("--role") || options.containsKey("--data-types")) {
            problems.add("revoke takes only --name");
        }
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        TokensFile.update(file, shown, current -> {
            if (current.stream().noneMatch(t -> t.name().equals(name))) {
                throw new ConfigException(shown + ": no token named '" + name + "'");
            }
            return current.stream().filter(t -> !t.name().equals(name)).toList();
        });
        err.println("token '" + name + "' removed from " + shown + "; the running service refuses it from now on.");
        return OK;
    }

    private int list(Map<String, String> options, List<String> problems, Path file, String shown) {
        if (!options.isEmpty()) {
            problems.add("list takes no options");
        }
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        List<ApiToken> tokens = TokensFile.read(file, shown);
        if (tokens.isEmpty()) {
            err.println(shown + " holds no token.");
        }
        for (ApiToken t : tokens) {
            out.println(t.name() + "\t" + t.role().yamlName() + "\t" + (t.dataTypes() == null ? "*" : String.join(",", t.dataTypes())));
        }
        return OK;
    }

    private static List<String> dataTypes(String value, DataTypes declared, List<String> problems) {
        List<String> types = new ArrayList<>();
        for (String t : value.split(",")) {
            String name = t.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!declared.contains(name)) {
                problems.add("--data-types: unknown data type '" + name + "' (declared: "
                        + String.join(", ", declared.all().stream().map(d -> d.name()).toList()) + ")");
            } else if (!types.contains(name)) {
                types.add(name);
            }
        }
        if (types.isEmpty() && problems.isEmpty()) {
            problems.add("--data-types: name at least one data type (leave the option out for all)");
        }
        return types;
    }

    private int invalid(List<String> problems) {
        problems.forEach(err::println);
        err.println("run 'token --help' for the usage");
        return INVALID;
    }
}
