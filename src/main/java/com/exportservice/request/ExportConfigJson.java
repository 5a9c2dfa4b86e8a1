package com.exportservice.request;

import com.exportservice.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an {@link ExportConfig} as the request JSON (snake_case, every field, nulls included) that
 * {@link ExportConfigParser} reads back to an equal config: it is what the state store keeps, what
 * manifest.json holds and what the API returns.
 * <p>
 * Filters are written as {@code {field: {op: value}}}, conditions of one field grouped in the order of
 * their first appearance. When one field has two conditions with the same operator (an object cannot
 * hold the key twice), that field is written as {@code {field: {"all_of": [{op: value}, …]}}}, one
 * object per condition, which the parser also accepts. Numbers with more significant digits than a
 * double holds are written as strings.
 */
public final class ExportConfigJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ExportConfigJson() {
    }

    public static ObjectNode toJson(ExportConfig c) {
        ObjectNode o = F.objectNode();
        ArrayNode types = o.putArray("data_types");
        c.dataTypes().forEach(types::add);
        o.put("start_date", Timestamps.format(c.startDate()));
        o.put("end_date", Timestamps.format(c.endDate()));
        o.set("filters", filters(c.filters()));
        o.put("batch_size", c.batchSize());
        o.put("include_metadata", c.includeMetadata());
        o.put("output_format", c.outputFormat().extension());
        o.put("compression", c.compression());
        o.put("name", c.name());
        o.put("on_invalid", c.onInvalid().jsonName());
        return o;
    }

    private static ObjectNode filters(List<FilterCondition> conditions) {
        Map<String, List<FilterCondition>> byField = new LinkedHashMap<>();
        for (FilterCondition c : conditions) {
            byField.computeIfAbsent(c.field(), k -> new ArrayList<>()).add(c);
        }
        ObjectNode filters = F.objectNode();
        byField.forEach((field, list) -> {
            Set<FilterOperator> ops = EnumSet.noneOf(FilterOperator.class);
            boolean repeated = false;
            for (FilterCondition c : list) {
                repeated |= !ops.add(c.operator());
            }
            ObjectNode condition = filters.putObject(field);
            if (repeated) {
                ArrayNode all = condition.putArray(FilterParser.ALL_OF);
                list.forEach(c -> all.addObject().set(c.operator().jsonName(), value(c)));
            } else {
                list.forEach(c -> condition.set(c.operator().jsonName(), value(c)));
            }
        });
        return filters;
    }

    private static JsonNode value(FilterCondition c) {
        if (c.operator() == FilterOperator.IN) {
            ArrayNode a = F.arrayNode();
            c.values().forEach(v -> a.add(scalar(v)));
            return a;
        }
        return scalar(c.values().get(0));
    }

    private static JsonNode scalar(Object v) {
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Long || v instanceof Integer) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigDecimal d) {
            return decimal(d);
        }
        if (v instanceof Instant i) {
            return F.textNode(Timestamps.format(i));
        }
        return F.textNode(String.valueOf(v));
    }

    /**
     * A number as a JSON number when a reader that parses numbers as doubles (the Jackson default)
     * gets it back exactly, else as a string, which the parser also accepts: a resumed export must
     * filter exactly as the original.
     */
    private static JsonNode decimal(BigDecimal d) {
        BigDecimal viaDouble = new BigDecimal(Double.toString(d.doubleValue()));
        if (viaDouble.compareTo(d) == 0) {
            return DecimalNode.valueOf(d); // as is: the node factory would strip zeros into 1E+2
        }
        return F.textNode(d.toPlainString());
    }
}
