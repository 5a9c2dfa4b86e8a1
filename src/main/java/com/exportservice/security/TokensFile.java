package com.exportservice.security;

import com.exportservice.config.ConfigException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The tokens file (contract section 11): {@code tokens: [ { name, sha256, role, data_types? } ]}. An
 * absent or empty file holds no tokens. Updates replace the file atomically (temporary file, then rename)
 * under a lock, readable by its owner only: readers never see half a file, and two {@code token create}
 * runs do not lose each other's entry.
 */
public final class TokensFile {
    static final String HEADER = """
            # API tokens of export-service (docs/security.md). Only the SHA-256 of each token is stored here.
            # Create one:  java -jar export-service.jar token create --name NAME --role viewer|operator [--data-types a,b]
            # Revoke one:  token revoke --name NAME, or delete its entry; the service re-reads this file when it changes.
            """;
    private static final ObjectMapper YAML = new YAMLMapper();

    private TokensFile() {
    }

    /**
     * Reads and checks the file.
     *
     * @param shownName how messages name the file (the setting's value)
     * @throws ConfigException listing every problem, one per line
     */
    public static List<ApiToken> read(Path file, String shownName) {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(shownName + ": cannot read the tokens file: " + e.getMessage(), e);
        }
        return parse(text, shownName);
    }

    static List<ApiToken> parse(String text, String shownName) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(shownName + ": malformed YAML in the tokens file (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new ConfigException(shownName + ": expected 'tokens:' followed by a list of tokens");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("tokens")) {
                problems.add(shownName + ": unknown key '" + key + "' (expected 'tokens')");
            }
        }
        JsonNode list = root.path("tokens");
        List<ApiToken> tokens = new ArrayList<>();
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            problems.add(shownName + ": 'tokens' must be a list");
        } else if (list.isArray()) {
            Set<String> names = new HashSet<>();
            Set<String> hashes = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                ApiToken t = entry(list.get(i), shownName + ": tokens[" + i + "]", problems);
                if (t == null) {
                    continue;
                }
                if (!names.add(t.name())) {
                    problems.add(shownName + ": tokens[" + i + "].name: '" + t.name() + "' is used twice");
                } else if (!hashes.add(t.sha256())) {
                    problems.add(shownName + ": tokens[" + i + "].sha256: the same hash is listed twice");
                } else {
                    tokens.add(t);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return List.copyOf(tokens);
    }

    private static ApiToken entry(JsonNode node, String where, List<String> problems) {
        if (!node.isObject()) {
            problems.add(where + ": expected an object with name, sha256, role and optional data_types");
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("name", "sha256", "role", "data_types").contains(key)) {
                problems.add(where + ": unknown key '" + key + "'");
            }
        }
        String name = scalar(node.get("name"));
        if (name == null || !ApiToken.NAME.matcher(name).matches()) {
            problems.add(where + ".name: required, 1-64 characters A-Z a-z 0-9 _ . @ -, starting with a letter or digit");
        }
        String sha = scalar(node.get("sha256"));
        if (sha != null) {
            sha = sha.toLowerCase(Locale.ROOT);
        }
        if (sha == null || !ApiToken.SHA256.matcher(sha).matches()) {
            problems.add(where + ".sha256: required, the 64 hex digits of the token's SHA-256");
        }
        Role role = Role.fromName(scalar(node.get("role")));
        if (role == null) {
            problems.add(where + ".role: required, viewer or operator");
        }
        List<String> types = null;
        JsonNode dt = node.get("data_types");
        if (dt != null && !dt.isNull()) {
            types = new ArrayList<>();
            if (!dt.isArray() || dt.isEmpty()) {
                problems.add(where + ".data_types: a non-empty list of data type names (leave it out for all data types)");
            } else {
                for (JsonNode t : dt) {
                    String type = scalar(t);
                    if (type == null || !ApiToken.DATA_TYPE.matcher(type).matches()) {
                        problems.add(where + ".data_types: '" + t.asText() + "' is not a data type name");
                    } else {
                        types.add(type);
                    }
                }
            }
        }
        return problems.size() == before ? new ApiToken(name, sha, role, types) : null;
    }

    private static String scalar(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    /** The file's text for these tokens (every value quoted: a name like {@code true} stays a string). */
    static String format(List<ApiToken> tokens) {
        StringBuilder sb = new StringBuilder(HEADER);
        if (tokens.isEmpty()) {
            return sb.append("tokens: []\n").toString();
        }
        sb.append("tokens:\n");
        for (ApiToken t : tokens) {
            sb.append("  - name: \"").append(t.name()).append("\"\n");
            sb.append("    sha256: \"").append(t.sha256()).append("\"\n");
            sb.append("    role: ").append(t.role().yamlName()).append('\n');
            if (t.dataTypes() != null) {
                sb.append("    data_types: [").append(String.join(", ", t.dataTypes().stream().map(d -> "\"" + d + "\"").toList()))
                        .append("]\n");
            }
        }
        return sb.toString();
    }

    /**
     * Changes the file: reads it under a lock, applies the change, and replaces it atomically with the
     * result (permissions rw------- where the file system has POSIX permissions).
     *
     * @return the tokens now in the file
     */
    public static List<ApiToken> update(Path file, String shownName, UnaryOperator<List<ApiToken>> change) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path lock = dir.resolve("." + file.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            List<ApiToken> updated = List.copyOf(change.apply(read(file, shownName)));
            Path tmp = PrivateFiles.createFile(dir, "." + file.getFileName() + ".", ".tmp");
            try {
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(ByteBuffer.wrap(format(updated).getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return updated;
        }
    }
}
