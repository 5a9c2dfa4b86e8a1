package com.exportservice.transform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * Reads {@code integer}, {@code number} and {@code boolean} values as they arrive from JDBC: numbers of
 * any Java type, or text when the column is textual. One definition of "a value of its type" for the
 * validator ({@code type:<field>}) and the transformer. Checks scan the text; nothing is parsed twice
 * by exception.
 */
public final class ScalarValues {
    private ScalarValues() {
    }

    /**
     * Whether the value's class is one of the final JDK classes drivers return for scalar columns
     * (boxed numbers, BigDecimal, Boolean, java.time): none is text, none a structure. An exact class
     * comparison, where {@code instanceof} an interface ({@code CharSequence}, {@code Map}) that the
     * class does not implement makes HotSpot (JDK 17) scan the class's interfaces, for every value.
     */
    public static boolean isCommonNonText(Object v) {
        Class<?> c = v.getClass();
        return c == Long.class || c == Integer.class || c == LocalDateTime.class || c == OffsetDateTime.class
                || c == BigDecimal.class || c == Double.class || c == Boolean.class || c == Short.class
                || c == Float.class || c == BigInteger.class || c == Instant.class || c == LocalDate.class;
    }

    /** Whether the value is an integer: an integral Java number, or text {@code [+-]?digits} (surrounding blanks allowed). */
    public static boolean isInteger(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return true;
        }
        if (v instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) v;
            return d.scale() <= 0 || d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d);
        }
        if (v instanceof CharSequence) {
            return isIntegerText(v.toString());
        }
        return false;
    }

    /** Whether the value is a finite number: any Java number but NaN and infinities, or decimal text. */
    public static boolean isNumber(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return Double.isFinite(((Number) v).doubleValue());
        }
        if (v instanceof Number) {
            return true;
        }
        if (v instanceof CharSequence) {
            return isNumberText(v.toString());
        }
        return false;
    }

    /**
     * The boolean value, or null when it is none: a Boolean; a number 0 or 1; text {@code true false t f
     * yes no y n 1 0} in any case, surrounding blanks allowed.
     */
    public static Boolean booleanValue(Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            if (v instanceof BigDecimal) {
                int c = ((BigDecimal) v).compareTo(BigDecimal.ONE);
                return c == 0 ? Boolean.TRUE : ((BigDecimal) v).signum() == 0 ? Boolean.FALSE : null;
            }
            double d = ((Number) v).doubleValue();
            return d == 1 ? Boolean.TRUE : d == 0 ? Boolean.FALSE : null;
        }
        if (v instanceof CharSequence) {
            String s = v.toString().strip();
            switch (s.length()) {
                case 1:
                    char c = Character.toLowerCase(s.charAt(0));
                    return c == 't' || c == 'y' || c == '1' ? Boolean.TRUE
                            : c == 'f' || c == 'n' || c == '0' ? Boolean.FALSE : null;
                case 2:
                    return s.equalsIgnoreCase("no") ? Boolean.FALSE : null;
                case 3:
                    return s.equalsIgnoreCase("yes") ? Boolean.TRUE : null;
                case 4:
                    return s.equalsIgnoreCase("true") ? Boolean.TRUE : null;
                case 5:
                    return s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                default:
                    return null;
            }
        }
        return null;
    }

    /** Text holding an integer as a Long (a BigDecimal when beyond long), else null. */
    public static Number integerFromText(String s) {
        if (!isIntegerText(s)) {
            return null;
        }
        String t = s.strip();
        if (t.charAt(0) == '+') {
            t = t.substring(1);
        }
        return t.length() <= 18 ? (Number) Long.valueOf(Long.parseLong(t)) : new BigDecimal(t);
    }

    /** Text holding a number as a BigDecimal (exact, as written), else null. */
    public static BigDecimal numberFromText(String s) {
        return isNumberText(s) ? new BigDecimal(s.strip()) : null;
    }

    static boolean isIntegerText(String s) {
        int i = Spaces.start(s);
        int n = Spaces.end(s, i);
        i = afterSign(s, i, n);
        int digits = digitRun(s, i, n);
        return digits > 0 && i + digits == n;
    }

    /** {@code [+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?}, surrounding blanks allowed. */
    static boolean isNumberText(String s) {
        int i = Spaces.start(s);
        int n = Spaces.end(s, i);
        i = afterSign(s, i, n);
        int digits = digitRun(s, i, n);
        i += digits;
        if (i < n && s.charAt(i) == '.') {
            int fraction = digitRun(s, i + 1, n);
            i += 1 + fraction;
            digits += fraction;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i = afterSign(s, i + 1, n);
            int exponent = digitRun(s, i, n);
            i += exponent;
            // BigDecimal takes exponents within int range only
            if (exponent == 0 || exponent > 9) {
                return false;
            }
        }
        return i == n;
    }

    /** The index after an optional {@code +} or {@code -} at {@code i}. */
    private static int afterSign(String s, int i, int end) {
        return i < end && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    /** How many digits follow from {@code i} on. */
    private static int digitRun(String s, int i, int end) {
        int j = i;
        while (j < end && isDigit(s.charAt(j))) {
            j++;
        }
        return j - i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
