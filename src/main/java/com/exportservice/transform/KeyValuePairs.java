package com.exportservice.transform;

import java.util.Map;

/**
 * Finds {@code key=value} pairs in cleaned text for a record's metadata. Grammar (docs/validation.md):
 * a key starts at the start of the text or after a space, {@code ,} or {@code ;}; it is an ASCII letter
 * or {@code _} followed by up to 63 ASCII letters, digits, {@code _ . -}; then {@code =} right after it;
 * then the value: either {@code "..."} (with {@code \"} and {@code \\} escapes; unterminated: no pair)
 * or the run of characters up to the next space, {@code ,} or {@code ;} (quote a value holding those). An empty
 * value, a value starting with {@code =}, or one longer than {@value #MAX_VALUE_LENGTH} chars makes no pair.
 * Values stay strings. The first occurrence of a key wins. Stateless; the pairs are kept as where they are
 * in the text ({@link PairSpans}) until someone needs them as Strings.
 */
public final class KeyValuePairs {
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 1024;
    /** At most this many pairs per record come from text, so one huge message cannot bloat metadata. */
    public static final int MAX_PAIRS = 64;

    private KeyValuePairs() {
    }

    /**
     * Adds the first {@link #MAX_PAIRS} pairs found in {@code text} to {@code into} unless their key is
     * already there.
     */
    public static void extract(String text, Map<String, Object> into) {
        PairSpans pairs = new PairSpans();
        extract(text, pairs);
        pairs.putInto(into, null);
    }

    /** Adds the pairs found in {@code text} to {@code into} ({@link PairSpans#add}: the first of a key wins) until it is full. */
    static void extract(String text, PairSpans into) {
        extract(text, text.toCharArray(), into);
    }

    /**
     * {@link #extract(String, PairSpans)} reading the text's chars from {@code chars} (its first {@code
     * text.length()} are the text's): the scan indexes an array, where {@code charAt} checks the index
     * and the String's coding at every char. The spans still name the String.
     */
    static void extract(String text, char[] chars, PairSpans into) {
        int n = text.length();
        // i is always where a key may start: the text's start or just after a separator
        int i = 0;
        while (i < n && !into.isFull()) {
            if (!isKeyStart(chars[i])) {
                i = nextBoundary(chars, n, i);
                continue;
            }
            int k = i + 1;
            while (k < n && isKeyChar(chars[k])) {
                k++;
            }
            if (k >= n || chars[k] != '=' || k - i > MAX_KEY_LENGTH) {
                i = nextBoundary(chars, n, k);
                continue;
            }
            int v = k + 1;
            if (v < n && chars[v] == '"') {
                int end = closingQuote(text, v + 1);
                if (end < 0) {
                    i = nextBoundary(chars, n, v + 1);
                    continue;
                }
                if (end - v - 1 <= MAX_VALUE_LENGTH) {
                    // an escape is in the text, not in the value: it prints otherwise (JsonText.printsAsIs is false)
                    into.add(text, chars, i, k, v + 1, end, true, JsonText.printsAsIs(text, v + 1, end));
                }
                i = nextBoundary(chars, n, end + 1);
                continue;
            }
            // the value's chars up to a separator, looking meanwhile for a char JSON would escape
            int e = v;
            int kinds = 0;
            for (; e < n; e++) {
                char c = chars[e];
                int kind = c < KINDS.length ? KINDS[c] : Character.isSurrogate(c) ? ESCAPED : 0;
                if (kind == SEPARATOR) {
                    break;
                }
                kinds |= kind;
            }
            if (e > v && chars[v] != '=' && e - v <= MAX_VALUE_LENGTH) {
                into.add(text, chars, i, k, v, e, false, kinds == 0);
            }
            i = e + 1; // e is a separator (or the end)
        }
    }

    /** The index after the first separator in {@code chars[from, n)} ({@code n} when none): where a key may start. */
    private static int nextBoundary(char[] chars, int n, int from) {
        for (int j = from; j < n; j++) {
            if (isSeparator(chars[j])) {
                return j + 1;
            }
        }
        return n;
    }

    private static int closingQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** A quoted value's chars {@code text[from, to)} with {@code \\"} and {@code \\\\} unescaped. */
    static String unescape(String text, int from, int to) {
        if (text.indexOf('\\', from) < 0 || text.indexOf('\\', from) >= to) {
            return text.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < to && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                c = text.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** {@link #KINDS}: a separator ends an unquoted value; an escaped char prints otherwise in JSON ({@link JsonText#printsAsIs}). */
    private static final byte SEPARATOR = 1;
    private static final byte ESCAPED = 2;
    /** The kind of each ASCII char: 0, {@link #SEPARATOR} or {@link #ESCAPED}. */
    private static final byte[] KINDS = new byte[128];

    static {
        for (char c = 0; c < KINDS.length; c++) {
            KINDS[c] = isSeparator(c) ? SEPARATOR : JsonText.printsAsIs(String.valueOf(c)) ? 0 : ESCAPED;
        }
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == ';';
    }

    private static boolean isKeyStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isKeyChar(char c) {
        return isKeyStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }
}
