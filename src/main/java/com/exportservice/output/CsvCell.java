package com.exportservice.output;

/**
 * Prints one csv cell exactly as Commons CSV's {@code CSVFormat.RFC4180} does (its minimal quoting:
 * {@code printWithQuotes}), straight into the UTF-8 bytes: Commons CSV's printer takes a lock per cell,
 * makes a char array of the delimiter per cell and appends a quoted value in pieces, which was a fifth of
 * a csv export's writing (bench/README.md); CsvCellTest holds it to the library's output.
 */
final class CsvCell {
    private static final char DELIMITER = ',';
    private static final char QUOTE = '"';
    /** Commons CSV quotes a value that starts with this char or one below it (space, controls, {@code !"#}). */
    private static final char QUOTED_START_UP_TO = '#';

    /** The chars (and UTF-8 bytes, unsigned) that make a value quoted wherever they are: a table, not four compares a char. */
    private static final boolean[] QUOTED = new boolean[256];

    static {
        for (char c : new char[] {QUOTE, DELIMITER, '\n', '\r'}) {
            QUOTED[c] = true;
        }
    }

    private CsvCell() {
    }

    /** Appends a cell: its delimiter unless it is a record's first, then the value; null is an empty, unquoted cell. */
    static void print(Utf8Appendable out, String value, boolean first) {
        if (!first) {
            out.appendAscii(DELIMITER);
        }
        if (value == null) {
            return;
        }
        int len = value.length();
        if (len > 0 && value.charAt(0) > QUOTED_START_UP_TO && value.charAt(len - 1) > ' '
                && out.appendAsciiWithout(value, QUOTED)) {
            return; // the common cell: ASCII, unquoted, copied in the pass that looked at it
        }
        byte[] utf8 = out.utf8(value);
        if (utf8 == null) {
            printChars(out, value, first);
        } else if (needsQuotes(utf8, first)) {
            out.appendQuotedUtf8(utf8);
        } else {
            out.appendUtf8(utf8);
        }
    }

    /** A value whose surrogates could pair with a neighbour's, char by char. */
    private static void printChars(Utf8Appendable out, String value, boolean first) {
        if (needsQuotes(value, first)) {
            out.appendQuoted(value);
        } else {
            out.append(value, 0, value.length());
        }
    }

    /** Appends the record separator, CRLF. */
    static void endRecord(Utf8Appendable out) {
        out.appendAscii('\r');
        out.appendAscii('\n');
    }

    /**
     * Commons CSV's minimal quoting: an empty value only as a record's first cell (else the line would be
     * empty); a value starting with a char up to {@code #}, holding a line break, quote or delimiter, or
     * ending with a char up to space.
     */
    static boolean needsQuotes(String s, boolean first) {
        int len = s.length();
        if (len == 0) {
            return first;
        }
        if (s.charAt(0) <= QUOTED_START_UP_TO) {
            return true;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == QUOTE || c == DELIMITER || c == '\n' || c == '\r') {
                return true;
            }
        }
        return s.charAt(len - 1) <= ' ';
    }

    /**
     * {@link #needsQuotes(String, boolean)} on the value's UTF-8 bytes: the chars it looks at are ASCII,
     * whose bytes are never part of a longer sequence, and a non-ASCII char's bytes are all above them
     * (compared unsigned).
     */
    static boolean needsQuotes(byte[] utf8, boolean first) {
        int len = utf8.length;
        if (len == 0) {
            return first;
        }
        if ((utf8[0] & 0xFF) <= QUOTED_START_UP_TO || (utf8[len - 1] & 0xFF) <= ' ') {
            return true;
        }
        for (byte b : utf8) {
            if (QUOTED[b & 0xFF]) {
                return true;
            }
        }
        return false;
    }
}
