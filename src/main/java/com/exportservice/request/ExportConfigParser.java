package com.exportservice.request;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldType;
import com.exportservice.config.Problems;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a raw export request (a Jackson tree read from JSON or YAML) against the declared data types
 * and builds an {@link ExportConfig}, reporting every problem at once (contract section 4). JSON null
 * counts as absent. Top-level fields must have their JSON type ({@code "batch_size": "100"} is a
 * problem); filter values may also be strings that parse to the field's type.
 */
public final class ExportConfigParser {
    /** The top-level fields of a request, in the order the contract lists them. */
    public static final List<String> FIELDS = List.of("data_types", "start_date", "end_date", "filters", "batch_size",
            "include_metadata", "output_format", "compression", "name", "on_invalid");

    private static final String ROOT = "(root)";

    private final JsonNode node;
    private final DataTypes types;
    private final Problems problems = new Problems();

    private ExportConfigParser(JsonNode node, DataTypes types) {
        this.node = node;
        this.types = types;
    }

    /**
     * Parses and checks a request.
     *
     * @throws InvalidExportConfigException listing every problem found
     */
    public static ExportConfig parse(JsonNode node, DataTypes types) {
        if (node == null || !node.isObject()) {
            String got = node == null || node.isMissingNode() || node.isNull() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new InvalidExportConfigException(List.of(new Problem(ROOT, "must be an object with the export request's fields, got " + got)));
        }
        return new ExportConfigParser(node, types).parse();
    }

    /**
     * The filter operators a field of this type accepts, in {@link FilterOperator} order (shown by
     * {@code GET /api/data-types}). Ordering operators for integer, number, timestamp and string;
     * contains/starts_with for string, text and json (not enum: use in); eq/ne/in for all but json;
     * is_null for all.
     */
    public static List<FilterOperator> operatorsFor(FieldType type) {
        return FilterOperators.forType(type);
    }

    private ExportConfig parse() {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!FIELDS.contains(e.getKey())) {
                problems.add(e.getKey(), "unknown field (allowed: " + String.join(", ", FIELDS) + ")");
            }
        }
        int before = problems.count();
        List<DataType> selected = dataTypes();
        boolean selectionComplete = problems.count() == before;
        Instant start = date("start_date");
        Instant end = date("end_date");
        if (start != null && end != null && !start.isBefore(end)) {
            problems.add("end_date", "must be after start_date");
        }
        if (start != null || end != null) {
            for (DataType t : selected) {
                if (t.timestampColumn() == null) {
                    problems.add(start != null ? "start_date" : "end_date",
                            "data type '" + t.name() + "' has no timestamp column, so a date range cannot apply to it");
                }
            }
        }
        JsonNode filtersNode = get("filters");
        List<FilterCondition> filters = filtersNode == null ? List.of()
                : new FilterParser(selected, types, selectionComplete, problems).parse(filtersNode);
        int batchSize = batchSize();
        boolean includeMetadata = bool("include_metadata", true);
        OutputFormat format = choice("output_format", OutputFormat.JSON, OutputFormat::fromName, "json, jsonl, csv");
        boolean compression = bool("compression", false);
        String name = name();
        OnInvalid onInvalid = choice("on_invalid", OnInvalid.INCLUDE, OnInvalid::fromName, "include, skip, fail");
        if (!problems.isEmpty()) {
            throw new InvalidExportConfigException(problems.map(Problem::new));
        }
        return new ExportConfig(selected.stream().map(DataType::name).toList(), start, end, filters, batchSize,
                includeMetadata, format, compression, name, onInvalid);
    }

    /** A field's value, or null when absent or JSON null. */
    private JsonNode get(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v;
    }

    private List<DataType> dataTypes() {
        JsonNode list = get("data_types");
        String declared = types.all().stream().map(DataType::name).collect(Collectors.joining(", "));
        if (list == null) {
            problems.add("data_types", "required: the data types to export (declared: " + declared + ")");
            return List.of();
        }
        if (!list.isArray()) {
            problems.add("data_types", "must be an array of data type names, e.g. [\"logs\"] (declared: " + declared + ")");
            return List.of();
        }
        if (list.isEmpty()) {
            problems.add("data_types", "must name at least one data type (declared: " + declared + ")");
            return List.of();
        }
        List<DataType> selected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "data_types[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isTextual()) {
                problems.add(path, "must be a data type name (a string)");
                continue;
            }
            String name = item.textValue();
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                problems.add(path, "duplicate of data_types[" + earlier + "]");
                continue;
            }
            types.get(name).ifPresentOrElse(selected::add,
                    () -> problems.add(path, "unknown data type " + Quote.value(name) + " (declared: " + declared + ")"));
        }
        return selected;
    }

    private Instant date(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(field, "must be a string: " + RequestDates.EXPECTED);
            return null;
        }
        try {
            return RequestDates.parse(v.textValue());
        } catch (IllegalArgumentException e) {
            problems.add(field, e.getMessage());
            return null;
        }
    }

    private int batchSize() {
        JsonNode v = get("batch_size");
        if (v == null) {
            return ExportConfig.DEFAULT_BATCH_SIZE;
        }
        String range = "must be an integer from 1 to " + ExportConfig.MAX_BATCH_SIZE;
        if (!v.isIntegralNumber()) {
            problems.add("batch_size", range + ", got " + describe(v));
            return ExportConfig.DEFAULT_BATCH_SIZE;
        }
        if (!v.canConvertToInt() || v.intValue() < 1 || v.intValue() > ExportConfig.MAX_BATCH_SIZE) {
            problems.add("batch_size", range + ", got " + v.asText());
            return ExportConfig.DEFAULT_BATCH_SIZE;
        }
        return v.intValue();
    }

    private boolean bool(String field, boolean fallback) {
        JsonNode v = get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problems.add(field, "must be true or false, got " + describe(v));
            return fallback;
        }
        return v.booleanValue();
    }

    /** An enumerated string option; spelled in any case, because "CSV" can only mean csv. */
    private <T> T choice(String field, T fallback, java.util.function.Function<String, T> byName, String allowed) {
        JsonNode v = get(field);
        if (v == null) {
            return fallback;
        }
        T value = v.isTextual() ? byName.apply(v.textValue().trim().toLowerCase(Locale.ROOT)) : null;
        if (value == null) {
            problems.add(field, "must be one of " + allowed + ", got " + describe(v));
            return fallback;
        }
        return value;
    }

    private String name() {
        JsonNode v = get("name");
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add("name", "must be a string, got " + describe(v));
            return null;
        }
        String s = v.textValue();
        int length = s.codePointCount(0, s.length());
        if (length > ExportConfig.MAX_NAME_LENGTH) {
            problems.add("name", "must be at most " + ExportConfig.MAX_NAME_LENGTH + " characters, got " + length);
            return null;
        }
        return s;
    }

    /** A value in a message: strings quoted (so "100" reads as a string), other nodes as JSON. */
    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the string " + Quote.value(v.textValue());
        }
        if (v.isContainerNode()) {
            return v.isArray() ? "an array" : "an object";
        }
        return v.asText();
    }
}
