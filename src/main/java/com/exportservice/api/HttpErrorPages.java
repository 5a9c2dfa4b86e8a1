package com.exportservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.List;

/**
 * Gives the answers the HTTP server makes before any route runs (no route for the path, method not
 * allowed, body over the limit, malformed request) the contract's JSON error body instead of
 * Vert.x's plain-text pages.
 */
public final class HttpErrorPages {
    private HttpErrorPages() {
    }

    public static void install(CamelContext camel, int port, ObjectMapper mapper) {
        Router router = VertxPlatformHttpRouter.lookup(camel, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(camel);
        }
        if (router == null) {
            throw new IllegalStateException("the platform-http router is not available");
        }
        install(router, mapper, 400, "bad_request", "the request is malformed");
        install(router, mapper, 404, "not_found", "no such resource");
        install(router, mapper, 405, "method_not_allowed", "this method is not allowed on this resource");
        install(router, mapper, 413, "payload_too_large", "the request body is over " + ExportApi.MAX_BODY_BYTES + " bytes (1 MiB)");
        install(router, mapper, 500, "internal_error", "the service failed to answer; see its log for details");
    }

    private static void install(Router router, ObjectMapper mapper, int status, String code, String message) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new ErrorBody(code, message, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        router.errorHandler(status, ctx -> {
            if (ctx.response().headWritten()) {
                ctx.response().end();
                return;
            }
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        });
    }
}
