package com.exportservice.status;

/**
 * Text from elsewhere (an error's message, a warning) made to fit a column of the store: on one line and at
 * most a given number of UTF-16 units (what H2 counts; PostgreSQL counts code points, never more), cut
 * between characters, never inside a surrogate pair, and marked with an ellipsis when cut. A message that
 * does not fit must not be why a failure goes unrecorded.
 */
public final class StoredText {
    private static final String ELLIPSIS = "…";

    private StoredText() {
    }

    /** The text on one line, at most {@code maxUnits} UTF-16 units; null stays null. */
    public static String fit(String text, int maxUnits) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
        if (line.length() <= maxUnits) {
            return line;
        }
        int end = maxUnits - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, Math.max(0, end)) + ELLIPSIS;
    }
}
