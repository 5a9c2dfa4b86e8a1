package com.exportservice.request;

/** Quotes user values in problem messages, shortened so that a huge value cannot flood an error body. */
final class Quote {
    private static final int MAX = 60;

    private Quote() {
    }

    static String value(Object v) {
        String s = String.valueOf(v);
        if (s.length() > MAX) {
            s = s.substring(0, MAX) + "…";
        }
        return "'" + s + "'";
    }
}
