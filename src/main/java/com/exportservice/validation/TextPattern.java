package com.exportservice.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field's {@code pattern}, matched against a whole value. Patterns of the common fixed shape, one
 * character class of ASCII letters, digits and {@code _} (single characters and ranges) repeated
 * {@code {n}}, {@code {n,m}}, {@code {n,}}, {@code +} or {@code *} (as {@code [0-9a-f]{32}} for a trace
 * id), are checked by a scan of the value against a table: the same answer as the regex for every
 * string (a character outside the class fails both; a string of ASCII class characters has as many
 * code points as chars), at a fraction of a Matcher's cost. Any other pattern goes through one reused
 * {@link Matcher}, so an instance is for one thread at a time.
 */
final class TextPattern {
    /** The ASCII characters of the class, for the fixed shape; null: the regex decides. */
    private final boolean[] allowed;
    private final int min;
    private final int max;
    private final Matcher matcher;

    private TextPattern(boolean[] allowed, int min, int max, Matcher matcher) {
        this.allowed = allowed;
        this.min = min;
        this.max = max;
        this.matcher = matcher;
    }

    static TextPattern of(Pattern pattern) {
        TextPattern fixed = pattern.flags() == 0 ? fixedShape(pattern.pattern()) : null;
        return fixed != null ? fixed : new TextPattern(null, 0, 0, pattern.matcher(""));
    }

    /** Whether the pattern matches the whole value. */
    boolean matches(String s) {
        if (allowed == null) {
            return matcher.reset(s).matches();
        }
        int n = s.length();
        if (n < min || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= allowed.length || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the scan stands in for the regex (for tests). */
    boolean isFixedShape() {
        return allowed != null;
    }

    /** {@code [class]quantifier}, or null when the pattern has another shape. */
    private static TextPattern fixedShape(String p) {
        int close = p.indexOf(']');
        if (!p.startsWith("[") || close < 2) {
            return null;
        }
        boolean[] allowed = new boolean[128];
        for (int i = 1; i < close; i++) {
            char c = p.charAt(i);
            if (!isPlain(c)) {
                return null;
            }
            if (i + 2 < close && p.charAt(i + 1) == '-') {
                char to = p.charAt(i + 2);
                if (!isPlain(to) || to < c) {
                    return null;
                }
                for (char k = c; k <= to; k++) {
                    allowed[k] = true;
                }
                i += 2;
            } else {
                allowed[c] = true;
            }
        }
        String q = p.substring(close + 1);
        switch (q) {
            case "+":
                return new TextPattern(allowed, 1, Integer.MAX_VALUE, null);
            case "*":
                return new TextPattern(allowed, 0, Integer.MAX_VALUE, null);
            default:
                break;
        }
        if (q.length() < 3 || q.charAt(0) != '{' || q.charAt(q.length() - 1) != '}') {
            return null;
        }
        String body = q.substring(1, q.length() - 1);
        int comma = body.indexOf(',');
        String lo = comma < 0 ? body : body.substring(0, comma);
        String hi = comma < 0 ? body : body.substring(comma + 1);
        if (!isCount(lo) || !(isCount(hi) || (comma >= 0 && hi.isEmpty()))) {
            return null;
        }
        int min = Integer.parseInt(lo);
        int max = hi.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(hi);
        return min <= max ? new TextPattern(allowed, min, max, null) : null;
    }

    /** A class member that means itself: ASCII letter, digit or underscore. */
    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** One to six digits: a count the regex takes as written. */
    private static boolean isCount(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
