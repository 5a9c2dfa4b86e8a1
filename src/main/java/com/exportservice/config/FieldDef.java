package com.exportservice.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One declared field of a data type.
 *
 * @param column   source column name (identifier used in SQL, quoted by the dialect)
 * @param name     output name: used in records, filters, reports and the API
 * @param type     declared type
 * @param required whether a record must carry a non-empty value
 * @param values   allowed values of an {@code enum} field (canonical spelling), else empty
 * @param aliases  enum aliases, lower-case alias to canonical value (e.g. {@code warning -> WARN}), else empty
 * @param pattern  a regular expression a {@code string}/{@code text} value must match in full, or null
 */
public record FieldDef(String column, String name, FieldType type, boolean required,
                       List<String> values, Map<String, String> aliases, Pattern pattern) {

    public FieldDef {
        values = values == null ? List.of() : List.copyOf(values);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    }

    /** A field whose column and output name are the same, with no constraints. */
    public static FieldDef of(String column, FieldType type) {
        return new FieldDef(column, column, type, false, List.of(), Map.of(), null);
    }
}
