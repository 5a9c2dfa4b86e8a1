package com.exportservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The arguments of the one-shot command (contract section 8), turned into an export request in the
 * shape of the API's body ({@code data_types}, {@code start_date}, ...) plus the output root. Only the
 * command line is checked here; the request itself is checked by the same parser as the API's, so the
 * user sees the same messages. Options override the same fields of {@code --config}.
 *
 * @param request    the export request, snake_case fields, values as given (the request parser checks them)
 * @param outputRoot the absolute {@code --out} directory, or null for the configured output directory
 * @param help       {@code --help} or {@code -h} was given: show the usage and do nothing else
 */
public record ExportArguments(ObjectNode request, Path outputRoot, boolean help) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    /** The options, in the order the usage lists them. */
    enum Option {
        CONFIG("--config", "FILE", "export request (ExportConfig) in JSON or YAML; the options below override its fields"),
        DATA_TYPES("--data-types", "A,B", "data types to export, comma-separated (data_types)"),
        START("--start", "DATE", "start of the date range, inclusive: 2026-11-01 or 2026-11-01T00:00:00Z (start_date)"),
        END("--end", "DATE", "end of the date range, exclusive (end_date)"),
        FILTER("--filter", "FIELD=V1,V2", "keep records whose field equals one of the values; repeatable (filters)"),
        FORMAT("--format", "json|jsonl|csv", "output format, default json (output_format)"),
        BATCH_SIZE("--batch-size", "N", "records per batch, 1 to 100000, default 1000 (batch_size)"),
        COMPRESS("--compress", null, "put data files, manifest and validation report into one zip (compression)"),
        NO_METADATA("--no-metadata", null, "records without metadata and context (include_metadata: false)"),
        OUT("--out", "DIR", "output root: the export directory is DIR/<export_id> (default: exporter.output.dir)"),
        NAME("--name", "TEXT", "a label for the export, at most 200 characters (name)"),
        ON_INVALID("--on-invalid", "include|skip|fail", "what to do with a record that fails validation, default include (on_invalid)"),
        HELP("--help", null, "show this help and exit (also -h)");

        final String flag;
        final String valueName;
        final String description;

        Option(String flag, String valueName, String description) {
            this.flag = flag;
            this.valueName = valueName;
            this.description = description;
        }

        boolean takesValue() {
            return valueName != null;
        }

        static Option byFlag(String flag) {
            for (Option o : values()) {
                if (o.flag.equals(flag)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** The usage text of {@code export --help}: one line per option. */
    public static String usage() {
        StringBuilder b = new StringBuilder()
                .append("Usage: java -jar export-service.jar export [options]\n")
                .append("Runs one export, shows progress on stderr and prints the export directory on stdout.\n")
                .append("Exit status: 0 completed, 1 failed or cancelled, 2 invalid arguments or request,\n")
                .append("130 stopped by Ctrl-C, 143 by SIGTERM (the export continues when the service starts).\n")
                .append("Every option is written --opt VALUE or --opt=VALUE (use the second for a value starting with --).\n\n")
                .append("Options:\n");
        for (Option o : Option.values()) {
            String left = o.flag + (o.takesValue() ? " " + o.valueName : "");
            b.append(String.format("  %-30s %s", left, o.description)).append('\n');
        }
        b.append("\nExample: export --data-types logs --start 2026-11-01 --filter level=ERROR,WARN --format jsonl --out /tmp/exports\n");
        return b.toString();
    }

    /**
     * Reads the arguments that follow {@code export}.
     *
     * @param workingDir what a relative {@code --config} or {@code --out} path is relative to
     * @throws InvalidArgumentsException listing every unusable argument
     */
    public static ExportArguments parse(List<String> args, Path workingDir) {
        return new Reader(workingDir).read(args);
    }

    /** One pass over the arguments, collecting values and problems. */
    private static final class Reader {
        private final Path workingDir;
        private final List<String> errors = new ArrayList<>();
        private final Map<Option, String> values = new EnumMap<>(Option.class);
        private final Map<String, List<String>> filters = new LinkedHashMap<>();
        private boolean help;
        private boolean compress;
        private boolean noMetadata;

        Reader(Path workingDir) {
            this.workingDir = workingDir;
        }

        ExportArguments read(List<String> args) {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("-h")) {
                    help = true;
                    continue;
                }
                if (!arg.startsWith("--") || arg.length() == 2) {
                    errors.add("unexpected argument '" + arg + "': options start with --");
                    continue;
                }
                int eq = arg.indexOf('=');
                String flag = eq < 0 ? arg : arg.substring(0, eq);
                String inline = eq < 0 ? null : arg.substring(eq + 1);
                Option option = Option.byFlag(flag);
                if (option == null) {
                    errors.add("unknown option " + flag);
                    continue;
                }
                if (!option.takesValue()) {
                    if (inline != null) {
                        errors.add(flag + ": takes no value, got '" + inline + "'");
                    } else {
                        flag(option);
                    }
                    continue;
                }
                String value = inline;
                // a following option is not taken as the value: "--start --end x" lacks the start
                if (value == null && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                }
                if (value == null || value.isEmpty()) {
                    errors.add(flag + ": needs a value (" + option.valueName + ")");
                    continue;
                }
                value(option, value);
            }
            if (help) {
                return new ExportArguments(NODES.objectNode(), null, true);
            }
            ObjectNode request = config();
            Path out = outputRoot();
            if (!errors.isEmpty()) {
                throw new InvalidArgumentsException(errors);
            }
            apply(request);
            return new ExportArguments(request, out, false);
        }

        private void flag(Option option) {
            switch (option) {
                case HELP -> help = true;
                case COMPRESS -> compress = true;
                case NO_METADATA -> noMetadata = true;
                default -> throw new IllegalStateException(option.name());
            }
        }

        private void value(Option option, String value) {
            if (option == Option.FILTER) {
                filter(value);
                return;
            }
            if (values.putIfAbsent(option, value) != null) {
                errors.add(option.flag + ": given more than once");
            }
        }

        /** {@code field=v1,v2}; the same field given again adds values (any of them matches). */
        private void filter(String spec) {
            int eq = spec.indexOf('=');
            String field = eq < 0 ? "" : spec.substring(0, eq).trim();
            if (field.isEmpty()) {
                errors.add("--filter " + spec + ": expected FIELD=VALUE or FIELD=V1,V2, e.g. level=ERROR,WARN");
                return;
            }
            List<String> list = split(spec.substring(eq + 1));
            if (list.isEmpty()) {
                errors.add("--filter " + spec + ": needs at least one value after '='");
                return;
            }
            filters.computeIfAbsent(field, f -> new ArrayList<>()).addAll(list);
        }

        private ObjectNode config() {
            String file = values.get(Option.CONFIG);
            if (file == null) {
                return NODES.objectNode();
            }
            try {
                return ConfigFile.read(workingDir.resolve(file), file);
            } catch (ConfigFile.Problem e) {
                errors.add(e.getMessage());
            } catch (InvalidPathException e) {
                errors.add("--config " + file + ": not a valid path: " + e.getReason());
            }
            return NODES.objectNode();
        }

        private Path outputRoot() {
            String dir = values.get(Option.OUT);
            if (dir == null) {
                return null;
            }
            try {
                Path path = workingDir.resolve(dir).toAbsolutePath().normalize();
                if (Files.exists(path) && !Files.isDirectory(path)) {
                    errors.add("--out " + dir + ": exists and is not a directory");
                }
                return path;
            } catch (InvalidPathException e) {
                errors.add("--out " + dir + ": not a valid path: " + e.getReason());
                return null;
            }
        }

        /** Writes the options over the config file's fields, in the request's own names. */
        private void apply(ObjectNode request) {
            String dataTypes = values.get(Option.DATA_TYPES);
            if (dataTypes != null) {
                ArrayNode array = request.putArray("data_types");
                split(dataTypes).forEach(array::add);
            }
            text(request, "start_date", Option.START);
            text(request, "end_date", Option.END);
            if (!filters.isEmpty()) {
                JsonNode existing = request.get("filters");
                // a filter option replaces that field's condition only; the file's other filters stay
                ObjectNode target = existing instanceof ObjectNode o ? o : request.putObject("filters");
                filters.forEach((field, list) -> {
                    if (list.size() == 1) {
                        target.put(field, list.get(0));
                    } else {
                        ArrayNode any = target.putArray(field);
                        list.forEach(any::add);
                    }
                });
            }
            String batchSize = values.get(Option.BATCH_SIZE);
            if (batchSize != null) {
                request.set("batch_size", batchSize(batchSize.trim()));
            }
            if (noMetadata) {
                request.put("include_metadata", false);
            }
            text(request, "output_format", Option.FORMAT);
            if (compress) {
                request.put("compression", true);
            }
            text(request, "name", Option.NAME);
            text(request, "on_invalid", Option.ON_INVALID);
        }

        private void text(ObjectNode request, String field, Option option) {
            String value = values.get(option);
            if (value != null) {
                request.put(field, value);
            }
        }

        /** A number when it is an integer (the parser checks the range), else the text, which the parser reports. */
        private static JsonNode batchSize(String value) {
            if (!INTEGER.matcher(value).matches()) {
                return NODES.textNode(value);
            }
            BigInteger n = new BigInteger(value);
            return n.bitLength() < 32 ? NODES.numberNode(n.intValue()) : NODES.numberNode(n);
        }

        private static List<String> split(String csv) {
            List<String> out = new ArrayList<>();
            for (String part : csv.split(",", -1)) {
                String t = part.trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            return out;
        }
    }
}
