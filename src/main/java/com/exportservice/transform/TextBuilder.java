package com.exportservice.transform;

import java.util.Arrays;

/**
 * Builds the metadata's JSON text of a record from pieces of other Strings (keys and values of the
 * message, the json field's text) in a char array kept from record to record. What a StringBuilder does,
 * without its per-append work: in the service, where Camel and the driver use StringBuilders of both
 * codings, its append code compiled for all of them cost 5% of a 10M csv export's samples (JFR) here.
 * For one thread at a time.
 */
final class TextBuilder {
    private char[] chars = new char[256];
    private int length;

    void clear() {
        length = 0;
    }

    TextBuilder append(char c) {
        if (length == chars.length) {
            grow(1);
        }
        chars[length++] = c;
        return this;
    }

    /** Appends {@code text[from, to)}. */
    TextBuilder append(String text, int from, int to) {
        int n = to - from;
        if (length + n > chars.length) {
            grow(n);
        }
        text.getChars(from, to, chars, length);
        length += n;
        return this;
    }

    /** Appends {@code text[from, to)}: an array copy, where a String's {@code getChars} checks and widens its bytes. */
    TextBuilder append(char[] text, int from, int to) {
        int n = to - from;
        if (length + n > chars.length) {
            grow(n);
        }
        System.arraycopy(text, from, chars, length, n);
        length += n;
        return this;
    }

    private void grow(int more) {
        chars = Arrays.copyOf(chars, Math.max(2 * chars.length, length + more));
    }

    /** The text built (one byte per char when every char is Latin-1, as a String of the same text from anywhere). */
    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
