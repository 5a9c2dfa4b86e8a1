package com.exportservice.request;

import com.exportservice.config.FieldDef;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One condition on one field, as requested: {@code field op values}. Values are converted to the
 * field's Java type (Long, BigDecimal, String, Boolean, Instant) by the parser, except where the selected
 * data types declare the field differently: there a value is kept as the text given, and
 * {@link #valuesFor} converts it for each data type's own declaration. {@code is_null} carries one
 * Boolean (true: IS NULL, false: IS NOT NULL); {@code in} carries one or more values.
 *
 * @param field output name of the field
 */
public record FilterCondition(String field, FilterOperator operator, List<Object> values) {
    public FilterCondition {
        values = List.copyOf(values);
    }

    /**
     * The values as the Java type of one data type's declaration of the field.
     *
     * @throws IllegalArgumentException naming the field when a value does not fit it (the parser rules
     *                                  this out, so this means a hand-built condition)
     */
    public List<Object> valuesFor(FieldDef declaration) {
        List<Object> typed = new ArrayList<>(values.size());
        for (Object v : values) {
            try {
                typed.add(FilterValues.coerce(v, declaration));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("filter on '" + declaration.name() + "': " + e.getMessage(), e);
            }
        }
        return typed;
    }

    /** For {@code is_null}: whether rows holding NULL match (true) or rows holding a value (false). */
    public boolean matchesNull() {
        return FilterValues.toBoolean(values.get(0));
    }

    /**
     * For an enum field: every lower-case spelling a source row may hold for the values of this
     * condition (each declared value and its aliases), in a stable order.
     */
    public Set<String> enumSpellings(FieldDef declaration) {
        Set<String> spellings = new LinkedHashSet<>();
        for (Object canonical : valuesFor(declaration)) {
            spellings.addAll(FilterValues.enumSpellings(declaration, (String) canonical));
        }
        return spellings;
    }
}
