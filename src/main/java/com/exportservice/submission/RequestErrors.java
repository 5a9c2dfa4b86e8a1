package com.exportservice.submission;

import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.status.ExportConflictException;
import com.exportservice.status.ExportNotFoundException;
import com.exportservice.status.TooManyExportsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Maps what went wrong with a request to the contract's error answer, for every adapter (HTTP, inbox).
 * Only errors the service did not foresee become 500, with a generic message (the cause is logged, never
 * sent: no stack trace reaches a user).
 */
public final class RequestErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RequestErrors.class);

    private RequestErrors() {
    }

    public static RequestException translate(Throwable t) {
        if (t instanceof RequestException a) {
            return a;
        }
        if (t instanceof InvalidExportConfigException e) {
            String listed = e.total() > e.problems().size() ? ", the first " + e.problems().size() + " in details" : ", see details";
            return new RequestException(400, "invalid_export_config",
                    "the export request is invalid: " + e.total() + " problem(s)" + listed, e.problems());
        }
        if (t instanceof ExportNotFoundException e) {
            return new RequestException(404, "not_found", e.getMessage());
        }
        if (t instanceof ExportConflictException e) {
            return new RequestException(409, "conflict", e.getMessage());
        }
        if (t instanceof TooManyExportsException e) {
            return new RequestException(429, "too_many_exports", e.getMessage());
        }
        LOG.error("unexpected error answering a request", t);
        return new RequestException(500, "internal_error", "the service failed to answer; see its log for details", List.of());
    }
}
