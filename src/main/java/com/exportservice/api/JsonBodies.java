package com.exportservice.api;

import com.exportservice.submission.RequestDocuments;
import com.exportservice.submission.RequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/**
 * Reads a request body as JSON, within limits far above any real request and far below what could hurt
 * the service: 1 MiB, 64 levels of nesting, numbers of 100 digits, field names of 1,000 characters. Anything
 * else is a 400 or 413 with a one-line message (never a 500, never a parser's class name).
 */
final class JsonBodies {
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 1000;

    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxStringLength(RequestDocuments.MAX_BYTES)
                    .build())
            .build());

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
        return RequestDocuments.parse(body, READER, what, "JSON");
    }
}
