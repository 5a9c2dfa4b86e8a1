package com.exportservice.transform;

/**
 * Cleans free text for output (contract 5.1 and 10, rules in docs/validation.md): ANSI/ECMA-48 escape
 * sequences removed first, then every other control character; tab, LF, VT, FF, CR and the Unicode
 * space separators are whitespace; lone surrogates become U+FFFD; everything else, format characters
 * (zero-width, bidi) included, is kept.
 *
 * <p>Runs for every text value of every record, so it scans first and returns the same String instance
 * when nothing needs to change; only dirty input allocates the result (and one char buffer). The scan reads
 * the text's chars from an array: the transformer passes the copy it keeps ({@link #clean(String, char[])});
 * {@link #clean(String)} (enum values, validation's patterns) makes one per call.
 */
public final class TextCleaner {
    /** Replaces a lone surrogate: keeps the output valid UTF-16 (and encodable as UTF-8). */
    public static final char REPLACEMENT = '\uFFFD';

    private static final char ESC = 0x1B;
    private static final char BEL = 0x07;
    // 8-bit (C1) spellings of the sequence introducers and of the string terminator
    private static final char C1_DCS = 0x90;
    private static final char C1_SOS = 0x98;
    private static final char C1_CSI = 0x9B;
    private static final char C1_ST = 0x9C;
    private static final char C1_OSC = 0x9D;
    private static final char C1_PM = 0x9E;
    private static final char C1_APC = 0x9F;

    private TextCleaner() {
    }

    /**
     * Cleans a {@code text} value: escapes and controls removed, runs of whitespace collapsed to one
     * space, trimmed. Returns {@code s} itself when it is already clean; null stays null.
     */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        return clean(s, s.toCharArray());
    }

    /**
     * {@link #clean(String)} of {@code s} (not null), whose chars are the first {@code s.length()} of
     * {@code chars}: the scan for a char to change indexes the array, where {@code charAt} checks the
     * index and the String's coding at every char (the transformer copies each text once, for this scan
     * and the {@code key=value} pairs' one).
     */
    static String clean(String s, char[] chars) {
        int dirty = firstDirty(chars, s.length());
        return dirty < 0 ? s : rebuild(s, dirty);
    }

    /** Whether {@link #clean} would return the empty string (null counts as blank). Allocates nothing. */
    public static boolean isBlank(String s) {
        if (s == null) {
            return true;
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c > ' ' && c < 0x7F) {
                return false;
            }
            if (c == ESC) {
                i = skipEscape(s, i + 1);
            } else if (c >= 0x80 && c <= 0x9F) {
                i = skipC1(s, i);
            } else if (c < 0x20 || c == 0x7F || isWhitespace(c)) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the char counts as whitespace: space, tab, LF, VT, FF, CR and the Unicode space, line
     * and paragraph separators except the no-break spaces (U+00A0, U+2007, U+202F), which bind words.
     */
    public static boolean isWhitespace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
        return c >= 0x1680 && isUnicodeSpace(c);
    }

    private static boolean isUnicodeSpace(char c) {
        return c == 0x1680 || (c >= 0x2000 && c <= 0x200A && c != 0x2007)
                || c == 0x2028 || c == 0x2029 || c == 0x205F || c == 0x3000;
    }

    /** Index of the first char that clean would change or drop, or -1 when the text is clean. */
    private static int firstDirty(char[] s, int n) {
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (c > ' ' && c < 0x7F) {
                continue;
            }
            if (c == ' ') {
                if (i == 0 || i == n - 1 || s[i - 1] == ' ') {
                    return i;
                }
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return i;
            } else if (c >= 0x1680) {
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < n && Character.isLowSurrogate(s[i + 1])) {
                        i++;
                    } else {
                        return i;
                    }
                } else if (Character.isLowSurrogate(c)) {
                    return i;
                } else if (isUnicodeSpace(c)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String rebuild(String s, int dirty) {
        int n = s.length();
        // the prefix before the first dirty char is clean; resume after its last non-whitespace char
        int start = dirty;
        while (start > 0 && isWhitespace(s.charAt(start - 1))) {
            start--;
        }
        char[] out = new char[n];
        s.getChars(0, start, out, 0);
        int len = start;
        boolean pendingSpace = false; // a whitespace run awaits the next visible char
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            if (c > ' ' && c < 0x7F) {
                if (pendingSpace) {
                    out[len++] = ' ';
                    pendingSpace = false;
                }
                out[len++] = c;
                i++;
                continue;
            }
            if (c == ESC) {
                i = skipEscape(s, i + 1);
                continue;
            }
            if (c >= 0x80 && c <= 0x9F) {
                i = skipC1(s, i);
                continue;
            }
            if (isWhitespace(c)) {
                if (len > 0) {
                    pendingSpace = true;
                }
                i++;
                continue;
            }
            if (c < 0x20 || c == 0x7F) {
                i++;
                continue;
            }
            if (pendingSpace) {
                out[len++] = ' ';
                pendingSpace = false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out[len++] = c;
                out[len++] = s.charAt(i + 1);
                i += 2;
            } else {
                out[len++] = Character.isSurrogate(c) ? REPLACEMENT : c;
                i++;
            }
        }
        return new String(out, 0, len);
    }

    /**
     * Skips the escape sequence whose ESC is just before {@code j}; returns the index of the first char
     * after it. A truncated sequence ends before the first char that cannot belong to it; that char is
     * then read normally (an ESC there starts the next, "nested", sequence).
     */
    private static int skipEscape(String s, int j) {
        int n = s.length();
        if (j >= n) {
            return n;
        }
        char c = s.charAt(j);
        switch (c) {
            case '[':
                return skipCsi(s, j + 1);
            case ']':
            case 'P':
            case 'X':
            case '^':
            case '_':
                return skipControlString(s, j + 1);
            default:
                break;
        }
        if (c >= 0x20 && c <= 0x2F) {
            // nF sequence: intermediates, then one final byte
            int k = j;
            while (k < n && inRange(s.charAt(k), 0x20, 0x2F)) {
                k++;
            }
            return k < n && inRange(s.charAt(k), 0x30, 0x7E) ? k + 1 : k;
        }
        if (c >= 0x30 && c <= 0x7E) {
            return j + 1; // two-char sequence (Fp, Fe, Fs), e.g. ESC 7, ESC c
        }
        return j; // a lone ESC: dropped, the next char is read normally
    }

    /** Skips a C1 control at {@code i}; the introducers of CSI and the control strings take their body along. */
    private static int skipC1(String s, int i) {
        char c = s.charAt(i);
        if (c == C1_CSI) {
            return skipCsi(s, i + 1);
        }
        if (c == C1_OSC || c == C1_DCS || c == C1_SOS || c == C1_PM || c == C1_APC) {
            return skipControlString(s, i + 1);
        }
        return i + 1;
    }

    /** CSI body: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E. */
    private static int skipCsi(String s, int j) {
        int n = s.length();
        int k = j;
        while (k < n && inRange(s.charAt(k), 0x30, 0x3F)) {
            k++;
        }
        while (k < n && inRange(s.charAt(k), 0x20, 0x2F)) {
            k++;
        }
        return k < n && inRange(s.charAt(k), 0x40, 0x7E) ? k + 1 : k;
    }

    /**
     * OSC, DCS, SOS, PM, APC body: runs to BEL or ST (ESC \ or 0x9C), both removed. An unterminated one
     * ends before the next ESC (which starts a new sequence), CR or LF (kept), or at the end of the text:
     * so a truncated title or hyperlink costs at most the rest of its line.
     */
    private static int skipControlString(String s, int j) {
        int n = s.length();
        for (int k = j; k < n; k++) {
            char c = s.charAt(k);
            if (c == BEL || c == C1_ST) {
                return k + 1;
            }
            if (c == ESC) {
                return k + 1 < n && s.charAt(k + 1) == '\\' ? k + 2 : k;
            }
            if (c == '\n' || c == '\r') {
                return k;
            }
        }
        return n;
    }

    private static boolean inRange(char c, int lo, int hi) {
        return c >= lo && c <= hi;
    }
}
