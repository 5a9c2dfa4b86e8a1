package com.exportservice.security;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * What went wrong, told to a user of the API (an export's {@code error_message}): one line, at most
 * {@value #MAX} characters, without Java class names and without the SQL a database driver quotes back
 * (which may hold the values of a request). The full cause stays in the log.
 */
public final class UserMessages {
    static final int MAX = 500;
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");
    /** Where drivers start quoting the statement: H2 "; SQL statement:", Spring-style "; SQL [", PostgreSQL's "Where:"/"Position:" lines. */
    private static final Pattern SQL_TAIL = Pattern.compile("(?is)(;\\s*SQL statement:|;\\s*SQL \\[|\\bSQL statement:|\\n\\s*(Where|Position|Detail|Hint):).*");

    private UserMessages() {
    }

    public static String of(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            message = t instanceof SQLException ? "database error" : "unexpected error";
        }
        message = SQL_TAIL.matcher(message).replaceAll("");
        message = CLASS_NAME.matcher(message).replaceAll("");
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            message = "database error (SQL state " + sql.getSQLState() + "): " + message;
        }
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > MAX ? message.substring(0, MAX) + "…" : message;
    }
}
