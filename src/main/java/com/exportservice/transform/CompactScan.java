package com.exportservice.transform;

import java.util.Arrays;

/**
 * The quick look of {@link JsonText#compactObject}: one pass over the chars of a text that starts with
 * {@code {} and ends with {@code }}, no parser. It takes the common shape (an object of names, strings,
 * integers, literals and nested containers, no whitespace) itself, refuses what the parser's check
 * surely refuses (whitespace between tokens, an escape or a surrogate in a string, a fraction, an
 * exponent, {@code -0}, a repeated name, more than {@value JsonText#MAX_NAMES} names in an object), and
 * leaves all else to that check ({@link #ASK_PARSER}): a syntax error, a control char in a string,
 * nesting deeper than {@value #MAX_DEPTH}, a number longer than {@value #MAX_NUMBER} chars, a text
 * longer than {@value #MAX_LENGTH} (within those, the parser's {@code StreamReadConstraints} hold it
 * to nothing). JsonTextTest holds the two to the same answers on generated texts.
 *
 * <p>An instance keeps its working arrays from text to text (a record's json field each): for one thread
 * at a time, as the validator that holds it.
 */
public final class CompactScan {
    /** What {@link #scan} gives for a text it leaves to the parser's check. */
    static final Object ASK_PARSER = new Object();

    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER = 100;
    static final int MAX_LENGTH = 10_000;

    // the names of the objects open at each depth: those of depth d at nameAt[open[d]] to nameAt[count]
    // (their first char, after the quote; the name's length in nameLength)
    private int[] nameAt = new int[8];
    private int[] nameLength = new int[8];
    private final int[] open = new int[MAX_DEPTH + 1];

    /**
     * A {@link CompactJsonObject}, null (not in its printed form, or not JSON) or {@link #ASK_PARSER}.
     * {@code s} starts with {@code {} and ends with {@code }}.
     */
    Object scan(String s) {
        int n = s.length();
        if (n > MAX_LENGTH) {
            return ASK_PARSER;
        }
        int[] nameAt = this.nameAt;
        int[] nameLength = this.nameLength;
        int[] open = this.open;
        open[0] = 0;
        int count = 0;
        long objects = 1L; // bit d: the container at depth d is an object
        int depth = 0;
        int i = 1;
        boolean first = true; // just after the container's opening bracket
        while (true) {
            char c = s.charAt(i); // i < n: the text ends with '}', so a container's end or a token is still ahead
            boolean inObject = (objects >>> depth & 1L) != 0;
            boolean closed = first && c == (inObject ? '}' : ']');
            if (!closed) {
                if (inObject) {
                    if (c != '"') {
                        return verdict(c);
                    }
                    int end = stringEnd(s, i + 1);
                    if (end < 0) {
                        return end == REFUSED ? null : ASK_PARSER;
                    }
                    int length = end - i - 1;
                    if (count - open[depth] >= JsonText.MAX_NAMES) {
                        return null;
                    }
                    for (int k = open[depth]; k < count; k++) {
                        if (nameLength[k] == length && s.regionMatches(nameAt[k], s, i + 1, length)) {
                            return null; // a repeated name: one member in the parsed map
                        }
                    }
                    if (count == nameAt.length) {
                        nameAt = this.nameAt = Arrays.copyOf(nameAt, 2 * count);
                        nameLength = this.nameLength = Arrays.copyOf(nameLength, 2 * count);
                    }
                    nameAt[count] = i + 1;
                    nameLength[count++] = length;
                    i = end + 1;
                    if (s.charAt(i) != ':') { // end < n - 1: the text ends with '}', not '"'
                        return verdict(s.charAt(i));
                    }
                    c = s.charAt(++i);
                }
                switch (c) {
                    case '"': {
                        int end = stringEnd(s, i + 1);
                        if (end < 0) {
                            return end == REFUSED ? null : ASK_PARSER;
                        }
                        i = end + 1;
                        break;
                    }
                    case '{':
                    case '[':
                        if (++depth > MAX_DEPTH) {
                            return ASK_PARSER;
                        }
                        objects = c == '{' ? objects | 1L << depth : objects & ~(1L << depth);
                        open[depth] = count;
                        i++;
                        first = true;
                        continue;
                    case 't':
                    case 'f':
                    case 'n': {
                        String literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
                        if (!s.startsWith(literal, i)) {
                            return ASK_PARSER;
                        }
                        i += literal.length();
                        break;
                    }
                    default: {
                        if (c != '-' && !isDigit(c)) {
                            return verdict(c);
                        }
                        int end = integerEnd(s, i);
                        if (end < 0) {
                            return end == REFUSED ? null : ASK_PARSER;
                        }
                        i = end;
                        break;
                    }
                }
                if (i >= n) {
                    return ASK_PARSER; // the last token ran to the end: unclosed
                }
                c = s.charAt(i);
            }
            // after an element, or at a container's closing bracket: close containers, or go on after a ','
            while (true) {
                inObject = (objects >>> depth & 1L) != 0;
                if (c == (inObject ? '}' : ']')) {
                    if (depth == 0) {
                        if (i != n - 1) {
                            return ASK_PARSER;
                        }
                        return CompactJsonObject.of(s, nameAt, nameLength, count);
                    }
                    count = open[depth]; // the names of the top-level object stay
                    depth--;
                    if (++i >= n) {
                        return ASK_PARSER;
                    }
                    c = s.charAt(i);
                } else if (c == ',') {
                    i++;
                    first = false;
                    break;
                } else {
                    return verdict(c);
                }
            }
            if (i >= n) {
                return ASK_PARSER;
            }
        }
    }

    /** A string's end that refuses the text (the parser's check would refuse it too, JSON or not). */
    private static final int REFUSED = -1;
    /** A string's end that leaves the text to the parser's check. */
    private static final int UNSURE = -2;

    /**
     * The index of the quote closing the string whose chars start at {@code from}; {@link #REFUSED} at an
     * escape (a printed string has none) or a surrogate (printed as two escapes), {@link #UNSURE} at a
     * control char (not JSON) or when no quote closes it.
     */
    private static int stringEnd(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c < 0x20) {
                return UNSURE;
            }
            if (c == '\\' || Character.isSurrogate(c)) {
                return REFUSED;
            }
        }
        return UNSURE;
    }

    /**
     * The index after the integer at {@code from} (JSON's grammar: {@code -?(0|[1-9][0-9]*)});
     * {@link #REFUSED} for {@code -0} and for a number that goes on with a fraction or an exponent (they
     * print in BigDecimal's form), {@link #UNSURE} for anything else.
     */
    private static int integerEnd(String s, int from) {
        int n = s.length();
        int i = from;
        if (s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return UNSURE;
        }
        char c = s.charAt(i);
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            while (++i < n && isDigit(s.charAt(i))) {
                // the digits
            }
        } else {
            return UNSURE;
        }
        if (i - from > MAX_NUMBER || i >= n) {
            return UNSURE;
        }
        c = s.charAt(i);
        if (c == '.' || c == 'e' || c == 'E') {
            return REFUSED;
        }
        if (isDigit(c)) {
            return UNSURE; // a leading zero
        }
        return i - from == 2 && s.charAt(from) == '-' && s.charAt(from + 1) == '0' ? REFUSED : i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** At an unexpected char: whitespace between tokens refuses the text (not its printed form), anything else is the parser's to judge. */
    private static Object verdict(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' ? null : ASK_PARSER;
    }
}
