package com.exportservice.source;

import java.time.Instant;

/**
 * Turns an instant of a request into the JDBC parameter right for one source column. The source layer
 * implements it: a column without zone gets a {@code LocalDateTime} in the source time zone
 * ({@code exporter.source.timezone}), a column with zone an {@code OffsetDateTime}.
 */
@FunctionalInterface
public interface TimestampBinder {
    /**
     * @param column the source column (unquoted, as declared in the data type)
     * @param value  the instant to compare it with
     * @return the value to bind as the JDBC parameter
     */
    Object bind(String column, Instant value);
}
