package com.exportservice.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source database's view of every declared data type, as {@link SchemaCheck} found it at start-up:
 * the table and column names as the database spells them and the JDBC type of each column. Readers
 * use it to quote the right identifiers and to read timestamps with or without zone.
 *
 * @param tables per data type name, in declaration order
 */
public record SourceSchema(Map<String, SourceTable> tables) {

    public SourceSchema {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public SourceTable table(String dataType) {
        SourceTable t = tables.get(dataType);
        if (t == null) {
            throw new IllegalArgumentException("unknown data type '" + dataType + "'");
        }
        return t;
    }

    public SourceColumn column(String dataType, String column) {
        return table(dataType).column(column);
    }

    /** The {@link java.sql.Types} code of a declared column. */
    public int jdbcType(String dataType, String column) {
        return column(dataType, column).jdbcType();
    }

    /** Whether a declared column holds timestamps with their own zone (see {@link SourceColumn#isZonedTimestamp()}). */
    public boolean isZonedTimestamp(String dataType, String column) {
        return column(dataType, column).isZonedTimestamp();
    }

    /** The column as the database spells it. */
    public String dbColumnName(String dataType, String column) {
        return column(dataType, column).dbName();
    }

    /** The table as the database spells it, or null for a query data type. */
    public String dbTableName(String dataType) {
        return table(dataType).dbTable();
    }
}
