package com.exportservice.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Text appended as UTF-8 bytes into a growable buffer: what Commons CSV prints a csv file into. Encoding
 * each piece as it comes spares the copies of a StringBuilder, its char array and a CharsetEncoder
 * (CsvRecordWriter did that before: a third of its time). The bytes are those of
 * {@code StandardCharsets.UTF_8}'s encoder with {@code REPLACE}: a surrogate pair becomes its 4-byte
 * sequence, also when split between two appends, and a lone surrogate becomes {@code ?}
 * (Utf8AppendableTest compares them on every char class).
 */
public final class Utf8Appendable implements Appendable {
    private static final char QUOTE = '"';
    private static final byte REPLACEMENT = '?';

    private byte[] bytes;
    private int size;
    /** A high surrogate waiting for its low one (0: none). */
    private char pendingHigh;

    public Utf8Appendable(int capacity) {
        bytes = new byte[capacity];
    }

    /** Bytes held. */
    public int size() {
        return size;
    }

    @Override
    public Utf8Appendable append(CharSequence csq) {
        CharSequence s = csq == null ? "null" : csq;
        return append(s, 0, s.length());
    }

    @Override
    public Utf8Appendable append(CharSequence csq, int start, int end) {
        CharSequence s = csq == null ? "null" : csq;
        ensure(3 * (end - start) + 3);
        byte[] b = bytes;
        int p = size;
        int i = start;
        if (pendingHigh == 0) {
            // the common case: ASCII, one byte a char
            for (char c; i < end && (c = s.charAt(i)) < 0x80; i++) {
                b[p++] = (byte) c;
            }
        }
        size = p;
        for (; i < end; i++) {
            put(s.charAt(i));
        }
        return this;
    }

    @Override
    public Utf8Appendable append(char c) {
        ensure(6);
        put(c);
        return this;
    }

    /** One char of a quoted csv cell: a {@code "} doubled; ASCII straight in unless a high surrogate waits. */
    private void putDoublingQuote(char c) {
        if (c < 0x80 && pendingHigh == 0) {
            bytes[size++] = (byte) c;
        } else {
            put(c); // after a pending high surrogate: its ? first
        }
        if (c == QUOTE) {
            bytes[size++] = QUOTE;
        }
    }

    /** Appends chars with every {@code "} doubled (the text inside a quoted csv cell). */
    public void appendDoublingQuotes(char[] chars, int off, int len) {
        ensure(3 * len + 3 + len);
        for (int i = off, end = off + len; i < end; i++) {
            putDoublingQuote(chars[i]);
        }
    }

    /** Appends chars with every {@code "} doubled (the text inside a quoted csv cell). */
    public void appendDoublingQuotes(String s, int off, int len) {
        ensure(3 * len + 3 + len);
        for (int i = off, end = off + len; i < end; i++) {
            putDoublingQuote(s.charAt(i));
        }
    }

    /** Appends bytes that are UTF-8 already (text encoded once, such as a cell that is the same in every record). */
    public void appendUtf8(byte[] utf8) {
        endPending();
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    /**
     * Hands the bytes to {@code out} in pieces of at most {@code piece} bytes and empties the buffer. A high
     * surrogate still waiting for its pair is written as {@code ?}, as the encoder does at the end of its input.
     */
    public void drainTo(OutputStream out, int piece) throws IOException {
        endPending();
        for (int off = 0; off < size; off += piece) {
            out.write(bytes, off, Math.min(piece, size - off));
        }
        size = 0;
    }

    private void endPending() {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            ensure(1);
            bytes[size++] = REPLACEMENT;
        }
    }

    /** One char; room for it was ensured (at most 4 bytes, plus a pending surrogate's replacement). */
    private void put(char c) {
        byte[] b = bytes;
        if (pendingHigh != 0) {
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(pendingHigh, c);
                pendingHigh = 0;
                b[size++] = (byte) (0xF0 | (cp >> 18));
                b[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[size++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            pendingHigh = 0;
            b[size++] = REPLACEMENT;
        }
        if (c < 0x80) {
            b[size++] = (byte) c;
        } else if (c < 0x800) {
            b[size++] = (byte) (0xC0 | (c >> 6));
            b[size++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            b[size++] = REPLACEMENT;
        } else {
            b[size++] = (byte) (0xE0 | (c >> 12));
            b[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            b[size++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
