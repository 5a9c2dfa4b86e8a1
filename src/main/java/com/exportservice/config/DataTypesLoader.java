package com.exportservice.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Reads the data types file (contract section 3) into {@link DataTypes}. The file is checked
 * strictly: unknown keys, wrong value kinds and inconsistent definitions are all reported together
 * in one {@link ConfigException}, one problem per line, each line naming the file, the data type and
 * the field, so that a typo stops start-up instead of silently changing what is exported.
 * Whether the tables and columns exist is checked separately, against the source database ({@code source.SchemaCheck}).
 */
public final class DataTypesLoader {
    public static final String SETTING = "exporter.data-types.file";
    /** The default value of {@link #SETTING}. */
    public static final String DEFAULT_FILE = "config/data-types.yaml";
    /** Classpath copy of the project's {@code config/data-types.yaml}: the demo definitions. */
    public static final String DEFAULT_RESOURCE = "/defaults/data-types.yaml";

    private static final Pattern DATA_TYPE_NAME = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final List<String> TOP_KEYS = List.of("data-types");
    private static final List<String> TYPE_KEYS = List.of("table", "query", "id-column", "timestamp-column", "fields");
    private static final List<String> FIELD_KEYS = List.of("type", "name", "required", "values", "aliases", "pattern");
    /** Output names records already use for their own envelope (contract section 5.1). */
    private static final String CONTEXT = "context";
    private static final String METADATA = "metadata";
    private static final String TYPE_NAMES = Arrays.stream(FieldType.values())
            .map(FieldType::yamlName).collect(Collectors.joining(", "));

    private DataTypesLoader() {
    }

    /**
     * Loads the data types the service uses: the file named by {@code exporter.data-types.file}
     * (relative to {@code workingDir} unless absolute) when it exists, else the built-in demo
     * definitions. A missing file is an error only when the key names a file other than the default
     * explicitly (system property, environment variable or working-directory settings file).
     */
    public static DataTypes load(Settings settings, Path workingDir) {
        return ConfigFiles.read(settings, workingDir, SETTING, DEFAULT_FILE, "data types file")
                .map(file -> parse(file.content(), file.name()))
                .orElseGet(DataTypesLoader::loadDefault);
    }

    /** The built-in demo definitions carried in the jar. */
    public static DataTypes loadDefault() {
        try (InputStream in = DataTypesLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULT_RESOURCE + " on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Parses and checks a data types document.
     *
     * @param fileName how messages name the file
     * @throws ConfigException listing every problem found, one per line
     */
    public static DataTypes parse(String yamlText, String fileName) {
        JsonNode root = ConfigFiles.parseYaml(yamlText, fileName);
        Problems problems = new Problems();
        List<DataType> types = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add("", "the file is empty; expected a top-level 'data-types:' map");
        } else if (!root.isObject()) {
            problems.add("", "expected a top-level 'data-types:' map");
        } else {
            unknownKeys(root, TOP_KEYS, problems, "");
            JsonNode map = root.get("data-types");
            if (map == null || map.isNull()) {
                problems.add("", "'data-types' is required: a map of data type name to its definition");
            } else if (!map.isObject()) {
                problems.add("", "'data-types' must be a map of data type name to its definition");
            } else if (map.isEmpty()) {
                problems.add("", "'data-types' declares no data type");
            } else {
                for (Map.Entry<String, JsonNode> e : map.properties()) {
                    DataType t = parseType(e.getKey(), e.getValue(), problems);
                    if (t != null) {
                        types.add(t);
                    }
                }
            }
        }
        problems.throwIfAny(fileName);
        return new DataTypes(types);
    }

    private static DataType parseType(String name, JsonNode node, Problems problems) {
        String where = "data type '" + name + "': ";
        int before = problems.count();
        if (!DATA_TYPE_NAME.matcher(name).matches()) {
            problems.add(where, "invalid name (1 to 64 characters A-Z a-z 0-9 _ -; it becomes a file name)");
        }
        if (node == null || !node.isObject()) {
            problems.add(where, "expected a map with table or query, id-column and fields");
            return null;
        }
        unknownKeys(node, TYPE_KEYS, problems, where);
        String table = optionalString(node, "table", problems, where);
        String query = optionalString(node, "query", problems, where);
        if (table == null && query == null && !node.has("table") && !node.has("query")) {
            problems.add(where, "needs either 'table' or 'query'");
        } else if (node.has("table") && node.has("query")) {
            problems.add(where, "has both 'table' and 'query'; give exactly one");
        }
        if (table != null && table.indexOf('.') >= 0) {
            problems.add(where, "table '" + table + "': schema-qualified names are not supported; name the schema in the JDBC URL instead");
        }
        if (query != null) {
            query = stripTrailingSemicolons(query);
        }
        String idColumn = optionalString(node, "id-column", problems, where);
        if (idColumn == null && !node.has("id-column")) {
            problems.add(where, "'id-column' is required (a unique, totally ordered column)");
        }
        String timestampColumn = optionalString(node, "timestamp-column", problems, where);
        List<FieldDef> fields = parseFields(node.get("fields"), problems, where);
        if (problems.count() > before) {
            return null;
        }
        return new DataType(name, table, query, idColumn, timestampColumn, fields);
    }

    private static List<FieldDef> parseFields(JsonNode node, Problems problems, String where) {
        List<FieldDef> fields = new ArrayList<>();
        if (node == null || node.isNull()) {
            problems.add(where, "'fields' is required: a map of column to { type: ... }");
            return fields;
        }
        if (!node.isObject()) {
            problems.add(where, "'fields' must be a map of column to { type: ... }");
            return fields;
        }
        if (node.isEmpty()) {
            problems.add(where, "'fields' declares no field");
            return fields;
        }
        Map<String, String> outputNames = new LinkedHashMap<>();
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String column = e.getKey();
            String fieldWhere = where + "field '" + column + "': ";
            if (column.isBlank()) {
                problems.add(fieldWhere, "the column name is empty");
                continue;
            }
            // Columns are matched to the catalog ignoring case, so two spellings would read one column.
            String sameColumn = columns.putIfAbsent(column.toLowerCase(Locale.ROOT), column);
            if (sameColumn != null) {
                problems.add(fieldWhere, "the column is already declared as '" + sameColumn + "' (columns are compared ignoring case)");
            }
            FieldDef f = parseField(column, e.getValue(), problems, fieldWhere);
            if (f == null) {
                continue;
            }
            String other = outputNames.putIfAbsent(f.name(), column);
            if (other != null) {
                problems.add(fieldWhere, "output name '" + f.name() + "' is already used by field '" + other + "'");
            }
            fields.add(f);
        }
        return fields;
    }

    private static FieldDef parseField(String column, JsonNode node, Problems problems, String where) {
        if (node == null || !node.isObject()) {
            problems.add(where, "expected a map like { type: string }");
            return null;
        }
        int before = problems.count();
        unknownKeys(node, FIELD_KEYS, problems, where);

        FieldType type = null;
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            problems.add(where, "'type' is required (one of " + TYPE_NAMES + ")");
        } else if (!typeNode.isTextual() || (type = FieldType.fromYamlName(typeNode.asText())) == null) {
            problems.add(where, "unknown type '" + typeNode.asText() + "' (expected one of " + TYPE_NAMES + ")");
        }

        String name = optionalString(node, "name", problems, where);
        if (name == null) {
            name = column;
        }
        if (name.equals(CONTEXT)) {
            problems.add(where, "output name 'context' is reserved (records carry their context under it); rename it with 'name:'");
        }
        if (name.equals(METADATA) && type != null && type != FieldType.JSON) {
            problems.add(where, "output name 'metadata' is reserved for a json field (records carry their metadata under it); rename it with 'name:'");
        }

        boolean required = false;
        JsonNode requiredNode = node.get("required");
        if (requiredNode != null && !requiredNode.isNull()) {
            if (requiredNode.isBoolean()) {
                required = requiredNode.booleanValue();
            } else {
                problems.add(where, "'required' must be true or false, got '" + requiredNode.asText() + "'");
            }
        }

        List<String> values = parseValues(node, type, problems, where);
        Map<String, String> aliases = parseAliases(node, type, values, problems, where);
        Pattern pattern = parsePattern(node, type, problems, where);

        if (problems.count() > before) {
            return null;
        }
        return new FieldDef(column, name, type, required, values, aliases, pattern);
    }

    private static List<String> parseValues(JsonNode node, FieldType type, Problems problems, String where) {
        JsonNode v = node.get("values");
        if (v == null || v.isNull()) {
            if (type == FieldType.ENUM) {
                problems.add(where, "'values' is required for an enum field: the list of allowed values");
            }
            return List.of();
        }
        if (type != null && type != FieldType.ENUM) {
            problems.add(where, "'values' applies to enum fields only, not to " + type.yamlName());
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(where, "'values' must be a list, like [A, B]");
            return List.of();
        }
        if (v.isEmpty()) {
            problems.add(where, "'values' is empty; an enum needs at least one value");
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode item : v) {
            String s = scalar(item);
            if (s == null || s.isBlank()) {
                problems.add(where, "'values' may hold only non-empty plain values, got " + item);
                continue;
            }
            // Source values are upper-cased before they are compared (contract 5.1), so a value in
            // any other spelling could never match.
            if (!s.equals(s.toUpperCase(Locale.ROOT))) {
                problems.add(where, "value '" + s + "' must be written in upper case ('" + s.toUpperCase(Locale.ROOT)
                        + "'): values are upper-cased before they are compared");
                continue;
            }
            if (!seen.add(s)) {
                problems.add(where, "value '" + s + "' is listed twice");
            }
        }
        return new ArrayList<>(seen);
    }

    private static Map<String, String> parseAliases(JsonNode node, FieldType type, List<String> values,
                                                    Problems problems, String where) {
        JsonNode a = node.get("aliases");
        if (a == null || a.isNull()) {
            return Map.of();
        }
        if (type != null && type != FieldType.ENUM) {
            problems.add(where, "'aliases' applies to enum fields only, not to " + type.yamlName());
            return Map.of();
        }
        if (!a.isObject()) {
            problems.add(where, "'aliases' must be a map of alias to one of the values, like { warning: WARN }");
            return Map.of();
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            String alias = e.getKey().toLowerCase(Locale.ROOT);
            String target = scalar(e.getValue());
            if (alias.isBlank()) {
                problems.add(where, "an alias is empty");
            } else if (target == null || !values.contains(target)) {
                problems.add(where, "alias '" + e.getKey() + "' maps to '" + (target == null ? e.getValue() : target)
                        + "', which is not one of the values " + values);
            } else if (values.contains(alias.toUpperCase(Locale.ROOT))) {
                problems.add(where, "alias '" + e.getKey() + "' is a spelling of the value '" + alias.toUpperCase(Locale.ROOT)
                        + "' itself (values are matched ignoring case)");
            } else if (aliases.putIfAbsent(alias, target) != null) {
                problems.add(where, "alias '" + e.getKey() + "' is listed twice (aliases are matched ignoring case)");
            }
        }
        return aliases;
    }

    private static Pattern parsePattern(JsonNode node, FieldType type, Problems problems, String where) {
        JsonNode p = node.get("pattern");
        if (p == null || p.isNull()) {
            return null;
        }
        if (type != null && type != FieldType.STRING && type != FieldType.TEXT) {
            problems.add(where, "'pattern' applies to string and text fields only, not to " + type.yamlName());
            return null;
        }
        if (!p.isTextual() || p.asText().isEmpty()) {
            problems.add(where, "'pattern' must be a regular expression in quotes, got " + p);
            return null;
        }
        try {
            return Pattern.compile(p.asText());
        } catch (PatternSyntaxException e) {
            problems.add(where, "'pattern' is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return null;
        }
    }

    /** A string-valued key, or null when absent or wrong (the problem is then recorded). */
    private static String optionalString(JsonNode node, String key, Problems problems, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        String s = scalar(v);
        if (s == null || s.isBlank()) {
            problems.add(where, "'" + key + "' must be a non-empty text");
            return null;
        }
        return s.trim();
    }

    /** The text of a plain value (YAML may read {@code 2024} as a number), or null for lists, maps and null. */
    private static String scalar(JsonNode v) {
        if (v == null || !v.isValueNode() || v.isNull()) {
            return null;
        }
        return v.asText();
    }

    private static void unknownKeys(JsonNode node, List<String> allowed, Problems problems, String where) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (!allowed.contains(key)) {
                problems.add(where, "unknown key '" + key + "' (expected one of " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String stripTrailingSemicolons(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }
}
