package com.exportservice.request;

import java.util.List;

/**
 * One condition on one field, as requested: {@code field op values}. Values are already converted to
 * the field's Java type (Long, BigDecimal, String, Boolean, Instant) by the parser; {@code is_null}
 * carries one Boolean (true: IS NULL, false: IS NOT NULL); {@code in} carries one or more values.
 *
 * @param field output name of the field
 */
public record FilterCondition(String field, FilterOperator operator, List<Object> values) {
    public FilterCondition {
        values = List.copyOf(values);
    }
}
