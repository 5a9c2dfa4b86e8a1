package com.exportservice.transform;

/**
 * The bounds of a text without its surrounding spaces, found without copying it: the scanners here run
 * once per value of an export, so they read the text in place rather than trimming a copy.
 */
final class Spaces {
    private Spaces() {
    }

    /** The index of the first character that is not a space; the length when all are. */
    static int start(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The end (exclusive) of the text without trailing spaces; never before {@code start}. */
    static int end(String s, int start) {
        int n = s.length();
        while (n > start && s.charAt(n - 1) == ' ') {
            n--;
        }
        return n;
    }
}
