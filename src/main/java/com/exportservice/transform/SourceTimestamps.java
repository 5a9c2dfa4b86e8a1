package com.exportservice.transform;

import com.exportservice.time.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Reads a {@code timestamp} value as it arrives from JDBC into epoch milliseconds (truncated, not
 * rounded). Values without a zone (LocalDateTime, java.sql.Timestamp, text without an offset) are read
 * in the configured source zone. Shared by validator and transformer so both read a value alike.
 *
 * <p>Accepted text (surrounding blanks allowed): {@code yyyy-MM-dd}, optionally followed by {@code T},
 * {@code t} or a space and {@code HH:mm[:ss[.fraction]]} (fraction: at least one digit after {@code .} or {@code ,}; digits
 * past the ninth are ignored),
 * optionally followed by an optional space and {@code Z}, {@code z}, {@code ±HH}, {@code ±HHmm} or
 * {@code ±HH:mm}. A date alone is its start of day. Immutable and thread-safe.
 */
public final class SourceTimestamps {
    /** Returned for a value that is not a readable timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private final ZoneId zone;
    /** The zone's offset when it never changes (UTC, fixed offsets): no rules lookup per value. */
    private final ZoneOffset fixedOffset;

    public SourceTimestamps(ZoneId zone) {
        this.zone = java.util.Objects.requireNonNull(zone, "zone");
        this.fixedOffset = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Epoch milliseconds of the value, or {@link #INVALID}. */
    public long epochMillis(Object v) {
        try {
            // the driver's class first: an exact class test, where instanceof CharSequence scans its interfaces
            if (v instanceof LocalDateTime) {
                return localMillis((LocalDateTime) v);
            }
            if (v instanceof CharSequence) {
                return parse(v.toString());
            }
            if (v instanceof OffsetDateTime) {
                return millis(((OffsetDateTime) v).toInstant());
            }
            if (v instanceof java.sql.Timestamp) {
                // a JDBC Timestamp holds the column's wall-clock fields: read them in the source zone
                return localMillis(((java.sql.Timestamp) v).toLocalDateTime());
            }
            if (v instanceof java.sql.Date) {
                return localMillis(((java.sql.Date) v).toLocalDate().atStartOfDay());
            }
            if (v instanceof Instant) {
                return millis((Instant) v);
            }
            if (v instanceof ZonedDateTime) {
                return millis(((ZonedDateTime) v).toInstant());
            }
            if (v instanceof LocalDate) {
                return localMillis(((LocalDate) v).atStartOfDay());
            }
            if (v instanceof Date) {
                return ((Date) v).getTime();
            }
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return INVALID; // beyond the epoch-millisecond range
        }
        return INVALID;
    }

    /**
     * The value as the service spells a timestamp ({@link Timestamps}: UTC, {@code ...sssZ}), or null when
     * it is not a readable timestamp: {@code Timestamps.formatMillis(epochMillis(v))}. A zone-less value
     * from the driver, in a source zone of a fixed offset, is formatted from its own fields (moved by the
     * offset), without the round trip through epoch milliseconds.
     */
    public String format(Object v) {
        if (v instanceof LocalDateTime t && fixedOffset != null) {
            int offset = fixedOffset.getTotalSeconds();
            if (offset == 0) {
                String s = Timestamps.formatUtc(t);
                if (s != null) {
                    return s;
                }
            } else if (t.getYear() > 0 && t.getYear() < 9999) {
                return Timestamps.formatUtc(t.minusSeconds(offset)); // at most 18 hours away: still in 0-9999
            }
            // a year outside 0-9999 (or at its edge, when moved): as any other value
        }
        long ms = epochMillis(v);
        return ms == INVALID ? null : Timestamps.formatMillis(ms);
    }

    private long localMillis(LocalDateTime t) {
        if (fixedOffset != null) {
            return millis(t.toEpochSecond(fixedOffset), t.getNano());
        }
        // a wall-clock time in a DST gap moves forward, in an overlap takes the earlier offset
        return millis(t.atZone(zone).toInstant());
    }

    private static long millis(Instant i) {
        return millis(i.getEpochSecond(), i.getNano());
    }

    private static long millis(long epochSecond, int nano) {
        return Math.addExact(Math.multiplyExact(epochSecond, 1000L), nano / 1_000_000);
    }

    private long parse(String s) {
        int i = Spaces.start(s);
        int n = Spaces.end(s, i);
        if (n - i < 10) {
            return INVALID;
        }
        int year = digits(s, i, 4);
        int month = s.charAt(i + 4) == '-' ? digits(s, i + 5, 2) : -1;
        int day = s.charAt(i + 7) == '-' ? digits(s, i + 8, 2) : -1;
        if (year < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
            return INVALID;
        }
        i += 10;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nano = 0;
        if (i < n && (s.charAt(i) == 'T' || s.charAt(i) == 't' || s.charAt(i) == ' ')) {
            if (n - i < 6 || s.charAt(i + 3) != ':') {
                return INVALID;
            }
            hour = digits(s, i + 1, 2);
            minute = digits(s, i + 4, 2);
            i += 6;
            if (i < n && s.charAt(i) == ':') {
                second = digits(s, i + 1, 2);
                i += 3;
                if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int start = ++i;
                    int scale = 100_000_000;
                    while (i < n && isDigit(s.charAt(i))) {
                        nano += (s.charAt(i) - '0') * scale; // digits past the ninth add 0: truncated
                        scale /= 10;
                        i++;
                    }
                    if (i == start) {
                        return INVALID;
                    }
                }
            }
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || i > n) {
                return INVALID;
            }
        }
        long local = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
        if (i == n) {
            if (fixedOffset != null) {
                return millis(local - fixedOffset.getTotalSeconds(), nano);
            }
            return localMillis(LocalDateTime.of(year, month, day, hour, minute, second, nano));
        }
        if (s.charAt(i) == ' ') {
            i++;
        }
        int offset = offsetSeconds(s, i, n);
        if (offset == Integer.MIN_VALUE) {
            return INVALID;
        }
        return millis(local - offset, nano);
    }

    /** Seconds of {@code Z}, {@code ±HH}, {@code ±HHmm} or {@code ±HH:mm} filling s[i, n), else MIN_VALUE. */
    private static int offsetSeconds(String s, int i, int n) {
        int len = n - i;
        if (len == 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            return 0;
        }
        if (len != 3 && len != 5 && len != 6) {
            return Integer.MIN_VALUE;
        }
        char sign = s.charAt(i);
        if (sign != '+' && sign != '-') {
            return Integer.MIN_VALUE;
        }
        int h = digits(s, i + 1, 2);
        int m = 0;
        if (len == 5) {
            m = digits(s, i + 3, 2);
        } else if (len == 6) {
            m = s.charAt(i + 3) == ':' ? digits(s, i + 4, 2) : -1;
        }
        if (h < 0 || h > 18 || m < 0 || m > 59) {
            return Integer.MIN_VALUE;
        }
        int secs = h * 3600 + m * 60;
        return sign == '-' ? -secs : secs;
    }

    /** The decimal value of {@code count} digits at {@code at}, or -1 when one is missing or not a digit. */
    private static int digits(String s, int at, int count) {
        if (at + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = at; k < at + count; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** For tests and documentation: the instant a value reads as, or null. */
    public Instant instant(Object v) {
        long ms = epochMillis(v);
        return ms == INVALID ? null : Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.MILLIS);
    }
}
