package com.exportservice.source;

import java.sql.Types;
import java.util.Locale;

/**
 * A column of a data type as the source database reports it.
 *
 * @param column   the column as the data type definition names it
 * @param dbName   the column as the database spells it (quote this one in SQL)
 * @param jdbcType the {@link java.sql.Types} code the driver reports
 * @param typeName the database's own type name (e.g. {@code timestamptz}, {@code VARCHAR})
 */
public record SourceColumn(String column, String dbName, int jdbcType, String typeName) {

    /**
     * Whether values carry their own zone or offset, so that {@code exporter.source.timezone} must not
     * be applied. PostgreSQL's driver reports {@code timestamptz} as {@link Types#TIMESTAMP}, hence the
     * type name check.
     */
    public boolean isZonedTimestamp() {
        if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE) {
            return true;
        }
        String n = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return n.equals("timestamptz") || n.startsWith("timestamp with time zone");
    }

    /** Whether the column holds points in time (DATE, TIMESTAMP, with or without zone). */
    public boolean isTemporal() {
        return jdbcType == Types.DATE || jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
                || isZonedTimestamp();
    }

    /** Whether the column holds text. */
    public boolean isTextual() {
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> true;
            default -> false;
        };
    }
}
