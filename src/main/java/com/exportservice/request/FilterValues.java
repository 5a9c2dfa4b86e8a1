package com.exportservice.request;

import com.exportservice.transform.EnumNormalizer;

import com.exportservice.config.FieldDef;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Converts filter values to the Java type of a field: integer → Long, number → BigDecimal (trailing
 * zeros stripped, so that equal numbers are equal objects), string/text/json → String, enum → its
 * canonical declared value, timestamp → Instant (milliseconds), boolean → Boolean. Strings that parse
 * to the type are accepted too ({@code "42"}, {@code "true"}): the one-shot command passes its
 * {@code --filter} values as strings. Failures are {@link IllegalArgumentException}s whose message
 * is meant for a person.
 */
final class FilterValues {
    /** Numbers beyond this many digits before or after the point are refused: nobody filters on them, and they cost. */
    private static final int MAX_DIGITS = 100;

    private FilterValues() {
    }

    /** The Java value of a scalar JSON node (String, Boolean, Long, BigInteger, BigDecimal), before typing. */
    static Object scalar(JsonNode n) {
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("must be a finite number");
            }
            // Double.toString keeps what was written (19.99), unlike new BigDecimal(double)
            return n.isBigDecimal() ? n.decimalValue() : new BigDecimal(n.asText());
        }
        if (n.isNull()) {
            throw new IllegalArgumentException("null is not a value; use {\"is_null\": true} to match missing values");
        }
        if (n.isContainerNode()) {
            throw new IllegalArgumentException("must be a single value, not " + (n.isArray() ? "an array" : "an object"));
        }
        throw new IllegalArgumentException("must be a single value");
    }

    /** Converts a value (from {@link #scalar} or an already converted one) to the type of {@code field}. */
    static Object coerce(Object v, FieldDef field) {
        return switch (field.type()) {
            case INTEGER -> toLong(v);
            case NUMBER -> toDecimal(v);
            case STRING, TEXT, JSON -> toText(v);
            case ENUM -> toEnum(v, field);
            case TIMESTAMP -> toInstant(v);
            case BOOLEAN -> toBoolean(v);
        };
    }

    /** The value of {@code is_null}: true or false, also spelled as a string. */
    static Boolean toBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (t.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        throw new IllegalArgumentException("must be true or false, got " + Quote.value(v));
    }

    /**
     * The canonical declared value an enum value stands for, or null when it stands for none: the same
     * normalization the transformation applies to source values (so a filter matches what is exported).
     */
    static String canonicalEnum(FieldDef field, String raw) {
        String c = EnumNormalizer.forField(field).canonical(raw);
        return c != null && field.values().contains(c) ? c : null;
    }

    /**
     * Every lower-case spelling a source row may hold for a canonical enum value: the value itself and
     * each alias mapping to it, sorted so that the generated SQL is stable.
     */
    static List<String> enumSpellings(FieldDef field, String canonical) {
        TreeSet<String> s = new TreeSet<>(EnumNormalizer.forField(field).lowerCaseSpellings(canonical));
        s.add(canonical.toLowerCase(Locale.ROOT));
        return new ArrayList<>(s);
    }

    private static Long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            throw new IllegalArgumentException("integer out of range, got " + Quote.value(v));
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be an integer, got " + Quote.value(s));
            }
        }
        throw new IllegalArgumentException("must be an integer, got " + Quote.value(v));
    }

    private static BigDecimal toDecimal(Object v) {
        BigDecimal d;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("must be a finite number, got " + Quote.value(v));
            }
            d = new BigDecimal(v.toString());
        } else if (v instanceof String s) {
            try {
                d = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number, got " + Quote.value(s));
            }
        } else {
            throw new IllegalArgumentException("must be a number, got " + Quote.value(v));
        }
        return normalize(d, v);
    }

    private static BigDecimal normalize(BigDecimal d, Object original) {
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() > MAX_DIGITS || (long) s.precision() - s.scale() > MAX_DIGITS) {
            throw new IllegalArgumentException("number out of range, got " + Quote.value(original));
        }
        // 100 stays 100, not 1E+2: plain JSON and stable equality
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static String toText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("must be a string, got " + Quote.value(v) + " (quote it)");
    }

    private static String toEnum(Object v, FieldDef field) {
        if (v instanceof String s) {
            String canonical = canonicalEnum(field, s);
            if (canonical != null) {
                return canonical;
            }
        }
        throw new IllegalArgumentException("unknown value " + Quote.value(v) + " (allowed: " + String.join(", ", field.values()) + ")");
    }

    private static Instant toInstant(Object v) {
        if (v instanceof Instant i) {
            return i.truncatedTo(ChronoUnit.MILLIS);
        }
        if (v instanceof String s) {
            return RequestDates.parse(s);
        }
        throw new IllegalArgumentException("must be " + RequestDates.EXPECTED + ", got " + Quote.value(v));
    }
}
