package com.exportservice.output;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text appended as UTF-8 bytes into a growable buffer: what Commons CSV prints a csv file into. Encoding
 * each piece as it comes spares the copies of a StringBuilder, its char array and a CharsetEncoder
 * (CsvRecordWriter did that before: a third of its time). The bytes are those of
 * {@code StandardCharsets.UTF_8}'s encoder with {@code REPLACE}: a surrogate pair becomes its 4-byte
 * sequence, also when split between two appends, and a lone surrogate becomes {@code ?}
 * (Utf8AppendableTest compares them on every char class). A csv cell goes in whole where it can: an ASCII
 * value copied in the pass that checks it, a quoted one from its String's UTF-8 bytes (the JDK's encoding)
 * with its quotes doubled eight bytes at a time, a number from its digits.
 */
public final class Utf8Appendable implements Appendable {
    private static final byte QUOTE = '"';
    private static final byte REPLACEMENT = '?';
    /** Eight bytes of an array read or written as one long (a plain unaligned load or store). */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVENS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = ONES * QUOTE;

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
        byte[] b = bytes;
        int p = size;
        int i = off;
        int end = off + len;
        if (pendingHigh == 0) {
            // ASCII: the char and a quote after it, which counts only after a quote (no branch on it)
            for (char c; i < end && (c = chars[i]) < 0x80; i++) {
                b[p] = (byte) c;
                b[p + 1] = QUOTE;
                p += c == QUOTE ? 2 : 1;
            }
        }
        size = p;
        for (; i < end; i++) {
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

    /**
     * The UTF-8 bytes of {@code s}, as the encoder gives them appended here: the JDK's encoding, one
     * vectorized copy for an ASCII string, where a char loop costs a call and a check a char (JFR: the csv
     * writer's top). Null where a surrogate could pair across appends (a high surrogate waits, or {@code s}
     * ends with one), which the char appends handle.
     */
    public byte[] utf8(String s) {
        int len = s.length();
        if (pendingHigh != 0 || len > 0 && Character.isHighSurrogate(s.charAt(len - 1))) {
            return null;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends {@code s} when it is ASCII without a char marked in {@code stop} (indexed by the char) and
     * says so; otherwise appends nothing and returns false. One pass that looks at each char and copies it,
     * no String encoded, nothing allocated (a csv cell that needs no quotes).
     */
    public boolean appendAsciiWithout(String s, boolean[] stop) {
        if (pendingHigh != 0) {
            return false;
        }
        int len = s.length();
        ensure(len);
        byte[] b = bytes;
        int p = size;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || stop[c]) {
                return false; // the bytes copied so far are past size: not appended
            }
            b[p + i] = (byte) c;
        }
        size = p + len;
        return true;
    }

    /** Appends one ASCII char (a delimiter, a quote, a line end). */
    public void appendAscii(char c) {
        if (pendingHigh != 0) {
            append(c);
            return;
        }
        ensure(1);
        bytes[size++] = (byte) c;
    }

    /**
     * Appends {@code s} between quotes with every {@code "} doubled (a quoted csv cell): on its UTF-8 bytes,
     * or char by char where a surrogate could pair across appends.
     */
    public void appendQuoted(String s) {
        byte[] utf8 = utf8(s);
        if (utf8 != null) {
            appendQuotedUtf8(utf8);
        } else {
            append((char) QUOTE);
            appendDoublingQuotes(s, 0, s.length());
            append((char) QUOTE);
        }
    }

    /**
     * Appends bytes that are UTF-8 already between quotes, with every {@code "} doubled (a quoted csv cell).
     * Eight bytes at a time: a word is stored whole and, at each quote in it, the rest of the word again
     * after the doubled quote, so that a JSON text (a quote every few bytes) costs a few operations a quote
     * rather than a compare, a branch and two stores a byte (bench/README.md, "The csv writer on bytes").
     */
    public void appendQuotedUtf8(byte[] utf8) {
        endPending();
        int len = utf8.length;
        // doubled, the quotes around, and the slack of a whole word stored past the last byte counted
        ensure(2 * len + 2 + Long.BYTES);
        byte[] b = bytes;
        int p = size;
        b[p++] = QUOTE;
        if (len < Long.BYTES) {
            for (byte c : utf8) {
                // the byte and a quote after it, which counts only after a quote (no branch on it)
                b[p] = c;
                b[p + 1] = QUOTE;
                p += c == QUOTE ? 2 : 1;
            }
        } else {
            int whole = len & ~7;
            for (int i = 0; i < whole; i += Long.BYTES) {
                p = putDoublingQuotes(b, p, word(utf8, i), Long.BYTES);
            }
            int rest = len - whole;
            if (rest > 0) {
                // the last eight bytes shifted down to the rest, zeros above (stored as slack, never counted)
                p = putDoublingQuotes(b, p, word(utf8, len - Long.BYTES) >>> (8 * (Long.BYTES - rest)), rest);
            }
        }
        b[p++] = QUOTE;
        size = p;
    }

    /**
     * Stores the first {@code n} bytes of {@code word} at {@code p} with each quote doubled; returns the
     * position after them. The word is stored whole and, at each quote, its rest again after the doubled
     * quote: eight bytes of slack past the end are written (a quote as the word's last byte: a junk word).
     */
    private static int putDoublingQuotes(byte[] b, int p, long word, int n) {
        WORDS.set(b, p, word);
        int from = 0; // the word's bytes before it are counted
        long quotes = zeroBytes(word ^ QUOTES) & (-1L >>> (8 * (Long.BYTES - n)));
        for (; quotes != 0; quotes &= quotes - 1) {
            int q = Long.numberOfTrailingZeros(quotes) >>> 3;
            p += q + 1 - from;
            b[p++] = QUOTE;
            from = q + 1;
            WORDS.set(b, p, word >>> (8 * from));
        }
        return p + n - from;
    }

    /** {@code 0x80} in each byte of {@code x} that is 0, nothing elsewhere (exact per byte, no carry between them). */
    static long zeroBytes(long x) {
        return ~(((x & LOW_SEVENS) + LOW_SEVENS) | x | LOW_SEVENS);
    }

    /** The eight bytes of {@code bytes} from {@code at} as one long, the first the lowest. */
    static long word(byte[] bytes, int at) {
        return (long) WORDS.get(bytes, at);
    }

    /** Appends a number's decimal digits, as {@link Long#toString(long)} prints them, without making that String. */
    public void appendDecimal(long n) {
        endPending();
        ensure(20);
        if (n == Long.MIN_VALUE) { // no positive counterpart
            appendUtf8(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] b = bytes;
        int p = size;
        long v = n;
        if (v < 0) {
            b[p++] = '-';
            v = -v;
        }
        int end = p + 1;
        for (long rest = v; rest >= 10; rest /= 10) {
            end++;
        }
        size = end;
        do {
            b[--end] = (byte) ('0' + v % 10);
            v /= 10;
        } while (end > p);
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
