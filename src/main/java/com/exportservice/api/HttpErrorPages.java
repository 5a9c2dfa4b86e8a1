package com.exportservice.api;

import com.exportservice.security.SecurityHeaders;
import com.exportservice.submission.ErrorBody;
import com.exportservice.submission.RequestDocuments;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.List;

/**
 * Adjusts the embedded HTTP server (Vert.x) where the routes cannot: gives the answers it makes before
 * any route runs (no route for the path, method not allowed, body over the limit, malformed request)
 * the contract's JSON error body instead of plain-text pages, and reads form-labelled API bodies as JSON.
 */
public final class HttpErrorPages {
    private HttpErrorPages() {
    }

    /** The platform-http router of the server on this port. */
    public static VertxPlatformHttpRouter router(CamelContext camel, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(camel);
        }
        if (router == null) {
            throw new IllegalStateException("the platform-http router is not available");
        }
        return router;
    }

    public static void install(CamelContext camel, int port, ObjectMapper mapper) {
        VertxPlatformHttpRouter router = router(camel, port);
        // the routes live on a sub-router; unmatched paths are answered by the server's main router
        Router main = router.getServer().getServer().requestHandler() instanceof Router r ? r : null;
        // The API takes JSON only. `curl -d '{...}'` labels it a form; read as a form, the body would be
        // lost to form parsing, so such a label on an API request is taken as JSON.
        router.route("/api/*").order(-1000).handler(ctx -> {
            String type = ctx.request().getHeader("Content-Type");
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                ctx.request().headers().set("Content-Type", "application/json");
            }
            ctx.next();
        });
        for (Router r : main == null ? List.of((Router) router) : List.of(router, main)) {
            install(r, mapper, 400, "bad_request", "the request is malformed");
            install(r, mapper, 404, "not_found", "no such resource");
            install(r, mapper, 405, "method_not_allowed", "this method is not allowed on this resource");
            install(r, mapper, 413, "payload_too_large", RequestDocuments.tooLarge(ExportApi.REQUEST_BODY).getMessage());
            install(r, mapper, 500, "internal_error", "the service failed to answer; see its log for details");
        }
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
            SecurityHeaders.apply(ctx.normalizedPath(), ctx.response().headers()::set);
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        });
    }
}
