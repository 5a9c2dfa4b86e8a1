package com.exportservice.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Reads the date spellings a request may use (contract sections 4 and 10): an ISO-8601 date-time with
 * offset, a date-time without offset (read as UTC), or a date (its start, UTC). A space may stand for
 * the {@code T}. The result is truncated to milliseconds, the precision of the whole service.
 */
public final class RequestDates {
    /** What the problem messages tell a user to write. */
    public static final String EXPECTED = "an ISO-8601 date-time (2026-11-01T00:00:00Z, 2026-11-01T02:00:00+02:00;"
            + " without offset = UTC) or a date (2026-11-01 = its start, UTC)";

    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_EXCLUSIVE = Instant.parse("+10000-01-01T00:00:00Z");

    private RequestDates() {
    }

    /**
     * Parses one date or date-time.
     *
     * @throws IllegalArgumentException with a message for a person when the text is not one of the forms
     */
    public static Instant parse(String text) {
        String s = text.trim();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        Instant instant;
        try {
            if (s.length() <= 10) {
                instant = LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
                instant = t instanceof ZonedDateTime z ? z.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be " + EXPECTED + ", got " + Quote.value(text));
        }
        if (instant.isBefore(MIN) || !instant.isBefore(MAX_EXCLUSIVE)) {
            throw new IllegalArgumentException("must lie between the years 1 and 9999, got " + Quote.value(text));
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
