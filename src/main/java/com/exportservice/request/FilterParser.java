package com.exportservice.request;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.Problems;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code filters} object of a request against the selected data types and converts it to
 * {@link FilterCondition}s, reporting every problem. Paths: {@code filters.level},
 * {@code filters.level.gt}, {@code filters.level[1]}, {@code filters.level.in[0]}.
 */
final class FilterParser {
    /** Holds several conditions of one field that share an operator; what {@link ExportConfigJson} writes for them. */
    static final String ALL_OF = "all_of";

    private static final String ALL_OPERATORS = FilterOperators.names(List.of(FilterOperator.values()));

    private final List<DataType> selected;
    private final DataTypes declared;
    private final boolean selectionComplete;
    private final Problems problems;
    private final List<FilterCondition> conditions = new ArrayList<>();
    /** Conditions and values asked for so far (also those with problems), against {@link RequestLimits}. */
    private int conditionsAsked;
    private int valuesAsked;
    private boolean overLimit;

    /** A selected data type that has the filtered field. */
    private record Target(DataType type, FieldDef field) {
    }

    /**
     * @param selected          the valid selected data types
     * @param selectionComplete false when {@code data_types} had problems: then a field is only reported
     *                          unknown when no declared data type has it, to avoid follow-on noise
     */
    FilterParser(List<DataType> selected, DataTypes declared, boolean selectionComplete, Problems problems) {
        this.selected = selected;
        this.declared = declared;
        this.selectionComplete = selectionComplete;
        this.problems = problems;
    }

    List<FilterCondition> parse(JsonNode filters) {
        if (!filters.isObject()) {
            problems.add("filters", "must be an object mapping field names to conditions, e.g. {\"level\": [\"ERROR\", \"WARN\"]}");
            return conditions;
        }
        for (Map.Entry<String, JsonNode> e : filters.properties()) {
            if (overLimit) {
                break; // said once; the rest of a request this large is not checked condition by condition
            }
            field(e.getKey(), e.getValue());
        }
        return conditions;
    }

    /**
     * Counts a condition of {@code values} values; false (with the problem added once) when the request
     * now asks for more than {@link RequestLimits} allow.
     */
    private boolean withinLimits(String path, int values) {
        conditionsAsked++;
        valuesAsked += values;
        if (conditionsAsked > RequestLimits.MAX_CONDITIONS) {
            overLimit("filters", "at most " + RequestLimits.MAX_CONDITIONS + " conditions per request (each operator, "
                    + "each entry of all_of and each field counts one); narrow the request or split it");
        } else if (valuesAsked > RequestLimits.MAX_FILTER_VALUES) {
            overLimit("filters", "at most " + RequestLimits.MAX_FILTER_VALUES + " filter values per request, all conditions "
                    + "together; reached at " + path);
        }
        return !overLimit;
    }

    private void overLimit(String path, String problem) {
        if (!overLimit) {
            problems.add(path, problem);
            overLimit = true;
        }
    }

    private void field(String name, JsonNode condition) {
        String path = "filters." + name;
        List<Target> targets = targets(name);
        if (targets.isEmpty()) {
            unknownField(name, path);
            return;
        }
        if (condition.isNull()) {
            problems.add(path, "null is not a condition; use {\"is_null\": true} to match missing values");
        } else if (condition.isArray()) {
            condition(name, FilterOperator.IN, condition, path, targets);
        } else if (condition.isObject()) {
            operators(name, condition, path, targets, true);
        } else {
            condition(name, FilterOperator.EQ, condition, path, targets);
        }
    }

    private void operators(String name, JsonNode object, String path, List<Target> targets, boolean allOfAllowed) {
        if (object.isEmpty()) {
            problems.add(path, "needs at least one operator (" + ALL_OPERATORS + ")");
            return;
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (overLimit) {
                return;
            }
            String opPath = path + "." + e.getKey();
            if (allOfAllowed && ALL_OF.equals(e.getKey())) {
                allOf(name, e.getValue(), opPath, targets);
                continue;
            }
            FilterOperator op = FilterOperator.fromName(e.getKey());
            if (op == null) {
                problems.add(opPath, "unknown operator (allowed: " + ALL_OPERATORS + ")");
            } else {
                condition(name, op, e.getValue(), opPath, targets);
            }
        }
    }

    private void allOf(String name, JsonNode list, String path, List<Target> targets) {
        if (!list.isArray() || list.isEmpty()) {
            problems.add(path, "must be a non-empty array of operator objects, e.g. [{\"contains\": \"a\"}, {\"contains\": \"b\"}]");
            return;
        }
        if (list.size() > RequestLimits.MAX_CONDITIONS) {
            overLimit(path, "at most " + RequestLimits.MAX_CONDITIONS + " conditions per request, got " + list.size());
            return;
        }
        for (int i = 0; i < list.size() && !overLimit; i++) {
            String elementPath = path + "[" + i + "]";
            if (list.get(i).isObject()) {
                operators(name, list.get(i), elementPath, targets, false);
            } else {
                problems.add(elementPath, "must be an object of operators");
            }
        }
    }

    private void condition(String name, FilterOperator op, JsonNode node, String path, List<Target> targets) {
        if (op == FilterOperator.IN && node.isArray() && node.size() > RequestLimits.MAX_IN_VALUES) {
            problems.add(path, "at most " + RequestLimits.MAX_IN_VALUES + " values in one list, got " + node.size());
            return;
        }
        if (!withinLimits(path, node.isArray() ? node.size() : 1)) {
            return;
        }
        boolean applies = true;
        for (Target t : targets) {
            List<FilterOperator> allowed = FilterOperators.forType(t.field().type());
            if (!allowed.contains(op)) {
                problems.add(path, "operator '" + op.jsonName() + "' does not apply to " + t.field().type().yamlName()
                        + " field '" + name + "'" + where(t, targets) + " (allowed: " + FilterOperators.names(allowed) + ")");
                applies = false;
            }
        }
        if (!applies) {
            return;
        }
        List<Object> values = new ArrayList<>();
        boolean ok = true;
        if (op == FilterOperator.IS_NULL) {
            try {
                values.add(FilterValues.toBoolean(FilterValues.scalar(node)));
            } catch (IllegalArgumentException e) {
                problems.add(path, "is_null takes true or false: " + e.getMessage());
                ok = false;
            }
        } else if (op == FilterOperator.IN) {
            if (!node.isArray() || node.isEmpty()) {
                problems.add(path, node.isArray() ? "must not be empty" : "in takes a non-empty array of values");
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                Object v = convert(node.get(i), path + "[" + i + "]", targets);
                ok &= v != null;
                values.add(v);
            }
        } else if (node.isArray()) {
            problems.add(path, op.jsonName() + " takes a single value"
                    + (op == FilterOperator.EQ ? "; use in (or an array) for any of several" : ""));
            return;
        } else {
            Object v = convert(node, path, targets);
            ok = v != null;
            values.add(v);
        }
        if (ok) {
            conditions.add(new FilterCondition(name, op, values));
        }
    }

    /**
     * The value converted to the field's type; null (with problems added) when it does not fit. When the
     * selected data types declare the field differently (type, enum values or aliases), the value must
     * fit each declaration and is kept as the text given: one typed value could not mean the same in
     * each, so {@link FilterCondition#valuesFor} converts it per data type.
     */
    private Object convert(JsonNode node, String path, List<Target> targets) {
        Object raw;
        try {
            raw = FilterValues.scalar(node);
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
        Object first = null;
        boolean failed = false;
        for (int i = 0; i < targets.size(); i++) {
            try {
                Object v = FilterValues.coerce(raw, targets.get(i).field());
                if (i == 0) {
                    first = v;
                }
            } catch (IllegalArgumentException e) {
                problems.add(path, e.getMessage() + where(targets.get(i), targets));
                failed = true;
            }
        }
        if (failed) {
            return null;
        }
        return declaredAlike(targets) ? first : String.valueOf(raw);
    }

    private static boolean declaredAlike(List<Target> targets) {
        return targets.stream().map(x -> List.of(x.field().type(), x.field().values(), x.field().aliases())).distinct().count() == 1;
    }

    /** Names the data type in a message only when the field is declared differently in the selected ones. */
    private static String where(Target t, List<Target> targets) {
        return declaredAlike(targets) ? "" : " (in data type '" + t.type().name() + "')";
    }

    private List<Target> targets(String name) {
        List<Target> targets = new ArrayList<>();
        for (DataType t : selected) {
            t.field(name).ifPresent(f -> targets.add(new Target(t, f)));
        }
        return targets;
    }

    private void unknownField(String name, String path) {
        if (selectionComplete) {
            Set<String> fields = new LinkedHashSet<>();
            selected.forEach(t -> t.fields().forEach(f -> fields.add(f.name())));
            problems.add(path, "no selected data type has this field (fields: " + String.join(", ", fields) + ")");
        } else if (declared.all().stream().noneMatch(t -> t.field(name).isPresent())) {
            problems.add(path, "no data type has this field");
        }
    }
}
