package com.exportservice.api;

import com.exportservice.request.Problem;
import com.exportservice.status.ExportState;
import com.exportservice.submission.RequestException;

import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of {@code GET /api/exports}: {@code ?status=} (one state, or all), {@code ?limit=}
 * (default 50, at most 500), {@code ?offset=} and {@code ?q=} (text in the name or id, ignoring case).
 * Every bad parameter is reported at once.
 *
 * @param state null for every state
 * @param text  null for any name
 */
record HistoryQuery(ExportState state, int limit, int offset, String text) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** As long as a name may be. */
    static final int MAX_TEXT = 200;

    static HistoryQuery parse(String status, String limit, String offset) {
        return parse(status, limit, offset, null);
    }

    /**
     * Reads the parameters as given (null or empty when absent).
     * @throws RequestException 400 {@code invalid_request} listing each bad parameter
     */
    static HistoryQuery parse(String status, String limit, String offset, String q) {
        List<Problem> problems = new ArrayList<>();
        if (q != null && q.codePointCount(0, q.length()) > MAX_TEXT) {
            problems.add(new Problem("q", "at most " + MAX_TEXT + " characters"));
        }
        ExportState state = null;
        if (status != null && !status.isEmpty()) {
            state = ExportState.fromName(status);
            if (state == null) {
                problems.add(new Problem("status",
                        "unknown status '" + status + "' (expected pending, running, completed, failed or cancelled)"));
            }
        }
        int l = integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, problems);
        int o = integer("offset", offset, 0, 0, Integer.MAX_VALUE, problems);
        if (!problems.isEmpty()) {
            throw new RequestException(400, "invalid_request", "invalid query parameters, see details", problems);
        }
        return new HistoryQuery(state, l, o, q == null || q.isBlank() ? null : q.strip());
    }

    private static int integer(String name, String value, int fallback, int min, int max, List<Problem> problems) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(value);
            if (i < min || i > max) {
                problems.add(new Problem(name, "must be between " + min + " and " + max + ", got " + value));
            }
            return i;
        } catch (NumberFormatException e) {
            problems.add(new Problem(name, "must be an integer, got '" + value + "'"));
            return fallback;
        }
    }
}
