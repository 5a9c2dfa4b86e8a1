package com.exportservice.request;

import com.exportservice.config.FieldType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.exportservice.request.FilterOperator.CONTAINS;
import static com.exportservice.request.FilterOperator.EQ;
import static com.exportservice.request.FilterOperator.GT;
import static com.exportservice.request.FilterOperator.GTE;
import static com.exportservice.request.FilterOperator.IN;
import static com.exportservice.request.FilterOperator.IS_NULL;
import static com.exportservice.request.FilterOperator.LT;
import static com.exportservice.request.FilterOperator.LTE;
import static com.exportservice.request.FilterOperator.NE;
import static com.exportservice.request.FilterOperator.STARTS_WITH;

/**
 * Which filter operators apply to which field type. Ordering (gt…lte) needs a meaningful order, so it
 * is not offered for text, enum, boolean or json; contains/starts_with are substring searches on
 * character data (string, text, json), not on enums, whose values form a closed set ({@code in} covers
 * them, and a substring of an alias would be ambiguous); json has no equality because the same
 * document can be spelled in many ways.
 */
final class FilterOperators {
    private static final Map<FieldType, List<FilterOperator>> BY_TYPE = new EnumMap<>(FieldType.class);

    static {
        List<FilterOperator> ordered = List.of(EQ, NE, GT, GTE, LT, LTE, IN, IS_NULL);
        BY_TYPE.put(FieldType.INTEGER, ordered);
        BY_TYPE.put(FieldType.NUMBER, ordered);
        BY_TYPE.put(FieldType.TIMESTAMP, ordered);
        BY_TYPE.put(FieldType.STRING, List.of(EQ, NE, GT, GTE, LT, LTE, IN, CONTAINS, STARTS_WITH, IS_NULL));
        BY_TYPE.put(FieldType.TEXT, List.of(EQ, NE, IN, CONTAINS, STARTS_WITH, IS_NULL));
        BY_TYPE.put(FieldType.ENUM, List.of(EQ, NE, IN, IS_NULL));
        BY_TYPE.put(FieldType.BOOLEAN, List.of(EQ, NE, IN, IS_NULL));
        BY_TYPE.put(FieldType.JSON, List.of(CONTAINS, STARTS_WITH, IS_NULL));
    }

    private FilterOperators() {
    }

    static List<FilterOperator> forType(FieldType type) {
        return BY_TYPE.get(type);
    }

    static String names(List<FilterOperator> ops) {
        return ops.stream().map(FilterOperator::jsonName).collect(Collectors.joining(", "));
    }
}
