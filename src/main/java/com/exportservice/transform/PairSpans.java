package com.exportservice.transform;

import java.util.Arrays;
import java.util.Map;

/**
 * The {@code key=value} pairs of a record's texts ({@link KeyValuePairs}) as where they are in the text:
 * no String per pair. The metadata's JSON text is copied from these spans ({@link #appendJson}); only when
 * the metadata is built as a map are the keys and values made Strings ({@link #putInto}). The first pair
 * of a key wins; at most {@link KeyValuePairs#MAX_PAIRS}. Reused from record to record by one thread.
 */
final class PairSpans {
    private String[] texts = new String[8];
    /** Per pair the text's chars ({@link KeyValuePairs#extract(String, char[], PairSpans)}): copied from, compared. */
    private char[][] chars = new char[8][];
    /** Per pair: key from, key to, value from, value to (a quoted value: inside its quotes). */
    private int[] at = new int[8 * 4];
    private boolean[] quoted = new boolean[8];
    private int count;
    /** Whether every value kept prints in JSON as its chars ({@link JsonText#printsAsIs}). */
    private boolean valuesPrintAsIs = true;

    void clear() {
        Arrays.fill(texts, 0, count, null); // holds no record's text past it
        Arrays.fill(chars, 0, count, null);
        count = 0;
        valuesPrintAsIs = true;
    }

    int size() {
        return count;
    }

    boolean isFull() {
        return count >= KeyValuePairs.MAX_PAIRS;
    }

    /**
     * Adds the pair {@code text[keyFrom, keyTo)} = {@code text[valueFrom, valueTo)} unless a pair of that key is here.
     *
     * @param textChars    the text's chars from index 0 (not changed while the pair is here)
     * @param quotedValue  whether the value was quoted (its escapes are undone when it is made a String)
     * @param printsAsIs   whether the value's chars print in JSON as they are ({@link JsonText#printsAsIs})
     */
    void add(String text, char[] textChars, int keyFrom, int keyTo, int valueFrom, int valueTo, boolean quotedValue, boolean printsAsIs) {
        if (hasKey(textChars, keyFrom, keyTo)) {
            return;
        }
        if (count == texts.length) {
            texts = Arrays.copyOf(texts, count * 2);
            chars = Arrays.copyOf(chars, count * 2);
            at = Arrays.copyOf(at, count * 8);
            quoted = Arrays.copyOf(quoted, count * 2);
        }
        texts[count] = text;
        chars[count] = textChars;
        int a = count * 4;
        at[a] = keyFrom;
        at[a + 1] = keyTo;
        at[a + 2] = valueFrom;
        at[a + 3] = valueTo;
        quoted[count] = quotedValue;
        valuesPrintAsIs &= printsAsIs;
        count++;
    }

    private boolean hasKey(char[] text, int from, int to) {
        for (int k = 0; k < count; k++) {
            int a = k * 4;
            if (at[a + 1] - at[a] == to - from && Arrays.equals(chars[k], at[a], at[a + 1], text, from, to)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every value prints in JSON as its chars, between quotes (no quote, backslash, control
     * char or surrogate: {@link JsonText#printsAsIs}) and no key is a top-level name of {@code object}
     * (null: none), which would replace the pair: then {@link #appendJson} prints what the map would.
     * Keys need no escaping: letters, digits and {@code _ . -}.
     */
    boolean printAsIs(CompactJsonObject object) {
        if (!valuesPrintAsIs) {
            return false;
        }
        for (int k = 0; object != null && k < count; k++) {
            int a = k * 4;
            if (object.hasName(texts[k], at[a], at[a + 1] - at[a])) {
                return false;
            }
        }
        return true;
    }

    /** Appends the pairs as JSON members {@code "k":"v"}, comma-separated (only when {@link #printAsIs}). */
    void appendJson(TextBuilder b) {
        for (int k = 0; k < count; k++) {
            int a = k * 4;
            char[] text = chars[k];
            if (k > 0) {
                b.append(',');
            }
            b.append('"').append(text, at[a], at[a + 1]).append('"').append(':').append('"').append(text, at[a + 2], at[a + 3]).append('"');
        }
    }

    /** Puts the pairs into {@code into} in order unless their key is there, the keys from {@code names} (null: cut out of the text). */
    void putInto(Map<String, Object> into, KeyNames names) {
        for (int k = 0; k < count; k++) {
            int a = k * 4;
            String text = texts[k];
            String key = names == null ? text.substring(at[a], at[a + 1]) : names.key(text, at[a], at[a + 1]);
            into.putIfAbsent(key, quoted[k] ? KeyValuePairs.unescape(text, at[a + 2], at[a + 3]) : text.substring(at[a + 2], at[a + 3]));
        }
    }
}
