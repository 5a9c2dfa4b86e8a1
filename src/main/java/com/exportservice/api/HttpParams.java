package com.exportservice.api;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Path and query parameters read from the HTTP request line itself. Platform-http also copies every request
 * header into the message headers, so a header named {@code limit} or {@code id} would otherwise be
 * taken for the parameter: only the request line may set these.
 */
final class HttpParams {
    private HttpParams() {
    }

    /**
     * A segment of the request path, percent-decoded: for {@code /api/exports/x/files/y}, segment 2 is
     * {@code x} and segment 4 is {@code y} (segment 0 is {@code api}). Null when the path is shorter.
     */
    static String pathSegment(Exchange exchange, int index) {
        // the path as the router matched it (normalized); platform-http sets it, and drops incoming "Camel*" headers
        String path = exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null) {
            return null;
        }
        List<String> segments = List.of(path.substring(path.startsWith("/") ? 1 : 0).split("/", -1));
        if (index >= segments.size()) {
            return null;
        }
        return decode(segments.get(index));
    }

    /** The first value of a query parameter, or null. */
    static String query(Exchange exchange, String name) {
        if (!(exchange.getIn() instanceof HttpMessage http)) {
            return null;
        }
        List<String> values = http.getRequest().params().getAll(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Percent-decoding of a path segment ('+' stays '+'); a malformed escape leaves the segment unmatched. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\u0000malformed";
        }
    }
}
