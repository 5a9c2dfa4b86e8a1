package com.exportservice.source;

import com.exportservice.config.FieldType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * Reads one column of the current row as the Java value the validator and transformer expect.
 * Chosen once per query from the field type and the column's JDBC type, so the per-row work is one
 * driver call (for example PostgreSQL's jsonb must be read as a string, not as a driver object).
 */
@FunctionalInterface
interface ColumnReader {
    Object read(ResultSet rs, int column) throws SQLException;

    static ColumnReader forField(FieldType fieldType, int jdbcType, boolean zonedTimestamp) {
        if (isTextual(jdbcType)) {
            return ResultSet::getString;
        }
        return switch (fieldType) {
            case INTEGER -> isInteger(jdbcType) ? ColumnReader::readLong : ResultSet::getObject;
            case NUMBER -> jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC
                    ? ResultSet::getBigDecimal
                    : isInteger(jdbcType) ? ColumnReader::readLong : ColumnReader::readDouble;
            case BOOLEAN -> ColumnReader::readBoolean;
            case TIMESTAMP -> zonedTimestamp || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
                    ? (rs, c) -> rs.getObject(c, OffsetDateTime.class)
                    : jdbcType == Types.DATE ? ColumnReader::readDate : (rs, c) -> rs.getObject(c, LocalDateTime.class);
            case STRING, TEXT, ENUM, JSON -> ResultSet::getString;
        };
    }

    /** The id column: a Long for integer keys, else its string form. */
    static ColumnReader forKey(int jdbcType) {
        return isInteger(jdbcType) ? ColumnReader::readLong : ResultSet::getString;
    }

    static boolean isTextual(int jdbcType) {
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> true;
            default -> false;
        };
    }

    static boolean isInteger(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> true;
            default -> false;
        };
    }

    private static Object readLong(ResultSet rs, int c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readDouble(ResultSet rs, int c) throws SQLException {
        double v = rs.getDouble(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readBoolean(ResultSet rs, int c) throws SQLException {
        boolean v = rs.getBoolean(c);
        return rs.wasNull() ? null : v;
    }

    private static Object readDate(ResultSet rs, int c) throws SQLException {
        LocalDate d = rs.getObject(c, LocalDate.class);
        return d == null ? null : d.atStartOfDay();
    }
}
