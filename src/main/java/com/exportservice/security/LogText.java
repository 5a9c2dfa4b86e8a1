package com.exportservice.security;

/** Text from outside (paths, names, file names) made safe for one log line: no control characters, bounded length. */
public final class LogText {
    private LogText() {
    }

    /** Control characters (newlines, escape sequences) become '?', and the text is cut at {@code max} characters. */
    public static String safe(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (text.length() > max) {
            sb.append('…');
        }
        return sb.toString();
    }
}
