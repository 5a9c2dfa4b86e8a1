package com.exportservice.transform;

/**
 * The keys of {@code key=value} pairs, one String instance per spelling: a record's message repeats the
 * keys of the one before ({@code user=}, {@code duration_ms=}), so a key is looked up by its chars in
 * the text, without the substring, and the writer then meets the same few hot instances record after
 * record instead of a new String each time. Open addressing over at most {@value #MAX_KEYS} keys;
 * past that, new spellings are simply cut out of the text. One per transformer (one thread at a time).
 */
final class KeyNames {
    static final int MAX_KEYS = 512;
    /** Twice {@link #MAX_KEYS} slots (a power of two): the table is never more than half full. */
    private final String[] slots = new String[MAX_KEYS * 2];
    private int count;

    /** The key {@code text[from, to)}: a kept instance when one has this spelling, else a new one (kept while there is room). */
    String key(String text, int from, int to) {
        int len = to - from;
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int mask = slots.length - 1;
        for (int at = (h ^ (h >>> 16)) & mask; ; at = (at + 1) & mask) {
            String k = slots[at];
            if (k == null) {
                String key = text.substring(from, to);
                if (count < MAX_KEYS) {
                    slots[at] = key;
                    count++;
                }
                return key;
            }
            if (k.length() == len && text.regionMatches(from, k, 0, len)) {
                return k;
            }
        }
    }
}
