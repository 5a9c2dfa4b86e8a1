package com.exportservice.source;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the source database holds for one data type.
 *
 * @param dataType the data type's name
 * @param dbTable  the table as the database spells it (quote this one in SQL), or null for a query data type
 * @param columns  the declared columns (field columns, id and timestamp column), looked up ignoring case
 */
public record SourceTable(String dataType, String dbTable, Map<String, SourceColumn> columns) {

    public SourceTable {
        // Definitions may spell a column in another case than the catalog; the loader rejects
        // declarations that differ only in case, so a case-insensitive key is unambiguous.
        Map<String, SourceColumn> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.putAll(columns);
        columns = Collections.unmodifiableMap(m);
    }

    /** The column read for a declared column name. */
    public SourceColumn column(String column) {
        SourceColumn c = columns.get(column);
        if (c == null) {
            throw new IllegalArgumentException("data type '" + dataType + "' has no checked column '" + column + "'");
        }
        return c;
    }
}
