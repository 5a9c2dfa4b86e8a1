package com.exportservice.transform;

/**
 * Short string values that repeat from record to record (a JSON field's {@code "region":"eu-west-1"},
 * {@code "method":"GET"}), one instance per spelling while it keeps coming: looked up by the parser's
 * chars before a String is made, in a direct-mapped table of {@value #SLOTS} slots, a new spelling
 * replacing the one in its slot. Bounded whatever the data; values that do not repeat cost a hash and
 * a compare. One per validator (one thread at a time).
 */
public final class RepeatedStrings {
    /** Longer values are ids and texts, which seldom repeat: always a new String. */
    static final int MAX_LENGTH = 32;
    private static final int SLOTS = 256;
    private final String[] slots = new String[SLOTS];

    /** The string of {@code chars[off, off + len)}: the instance kept for that spelling, or a new one. */
    String of(char[] chars, int off, int len) {
        if (len > MAX_LENGTH) {
            return new String(chars, off, len);
        }
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + chars[i];
        }
        int at = (h ^ (h >>> 16)) & (SLOTS - 1);
        String kept = slots[at];
        if (kept != null && kept.length() == len && sameChars(kept, chars, off)) {
            return kept;
        }
        String s = new String(chars, off, len);
        slots[at] = s;
        return s;
    }

    private static boolean sameChars(String s, char[] chars, int off) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) != chars[off + i]) {
                return false;
            }
        }
        return true;
    }
}
