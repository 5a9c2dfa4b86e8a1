package com.exportservice.api;

import com.exportservice.submission.RequestDocuments;
import com.exportservice.submission.RequestException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * Reads a request body as JSON, within the limits of {@link RequestDocuments#JSON}: 1 MiB, 64 levels of
 * nesting, numbers of 100 digits, field names of 1,000 characters. Anything else is a 400 or 413 with a
 * one-line message (never a 500, never a parser's class name).
 */
final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * The body of an API request as a JSON tree.
     *
     * @param what how messages name it ({@code the request body})
     */
    static JsonNode read(Exchange exchange, String what) {
        Long length = exchange.getIn().getHeader("Content-Length", Long.class);
        if (length != null && length > RequestDocuments.MAX_BYTES) {
            throw RequestDocuments.tooLarge(what);
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new RequestException(400, "malformed_json", what + " is empty; expected a JSON object");
        }
        return RequestDocuments.parse(body, RequestDocuments.JSON, what, "JSON");
    }
}
