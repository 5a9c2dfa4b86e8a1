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

    private CsvCell() {
    }

    /** Appends a cell: its delimiter unless it is a record's first, then the value; null is an empty, unquoted cell. */
    static void print(Utf8Appendable out, String value, boolean first) {
        if (!first) {
            out.append(DELIMITER);
        }
        if (value == null) {
            return;
        }
        if (needsQuotes(value, first)) {
            out.append(QUOTE);
            out.appendDoublingQuotes(value, 0, value.length());
            out.append(QUOTE);
        } else {
            out.append(value, 0, value.length());
        }
    }

    /** Appends the record separator, CRLF. */
    static void endRecord(Utf8Appendable out) {
        out.append('\r');
        out.append('\n');
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
}
