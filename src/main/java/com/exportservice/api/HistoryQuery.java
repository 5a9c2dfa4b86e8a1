package com.exportservice.api;

import com.exportservice.request.Problem;
import com.exportservice.status.ExportState;
import com.exportservice.submission.RequestException;

import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of {@code GET /api/exports}: {@code ?status=} (one state, or all), {@code ?limit=}
 * (default 50, at most 500) and {@code ?offset=}. Every bad parameter is reported at once.
 *
 * @param state null for every state
 */
record HistoryQuery(ExportState state, int limit, int offset) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /**
     * Reads the parameters as given (null or empty when absent).
     * @throws RequestException 400 {@code invalid_request} listing each bad parameter
     */
    static HistoryQuery parse(String status, String limit, String offset) {
        List<Problem> problems = new ArrayList<>();
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
        return new HistoryQuery(state, l, o);
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
