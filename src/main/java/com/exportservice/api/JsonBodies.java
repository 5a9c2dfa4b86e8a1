package com.exportservice.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.io.IOException;

/**
 * Reads a request body as JSON, within limits far above any real request and far below what could hurt
 * the service: 1 MiB, 64 levels of nesting, numbers of 100 digits, field names of 1,000 characters. Anything
 * else is a 400 or 413 with a one-line message (never a 500, never a parser's class name).
 */
final class JsonBodies {
    /** Largest request body accepted (contract: over 1 MiB is 413). */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 1000;

    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxStringLength(MAX_BODY_BYTES)
                    .build())
            .build());

    private JsonBodies() {
    }

    /** The body of an API request as a JSON tree. */
    static JsonNode read(Exchange exchange) {
        Long length = exchange.getIn().getHeader("Content-Length", Long.class);
        if (length != null && length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new ApiException(400, "malformed_json", "the request body is empty; expected a JSON object");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return parse(body);
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode tree = READER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new ApiException(400, "malformed_json", "the request body holds no JSON value; expected a JSON object");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw new ApiException(400, "malformed_json", "the request body is beyond what a request may hold (at most "
                    + MAX_DEPTH + " levels of nesting, numbers of " + MAX_NUMBER_LENGTH + " digits, field names of "
                    + MAX_NAME_LENGTH + " characters)");
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed_json", "the request body is not valid JSON: " + oneLine(e.getOriginalMessage())
                    + where(e.getLocation()));
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "the request body cannot be read");
        }
    }

    static ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "the request body is over " + MAX_BODY_BYTES + " bytes (1 MiB)");
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unexpected content";
        }
        String m = message.replaceAll("\\s+", " ").strip();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
