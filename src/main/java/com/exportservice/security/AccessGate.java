package com.exportservice.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The first handler of every HTTP request, before any route does work (registered through platform-http's
 * authentication hook, see {@link SecuredHttpServerFactory}): sets the security headers, refuses foreign
 * {@code Origin}s and, without tokens, foreign {@code Host}s (403), finds out who is calling (401 when a
 * protected path gets no or unknown credentials), lets only operators change anything (403), and hands the
 * {@link Caller} to the routes as the request's user.
 */
public final class AccessGate implements AuthenticationHandler {
    public static final String SESSION_COOKIE = "exporter_session";
    private static final Logger LOG = LoggerFactory.getLogger(AccessGate.class);

    private final Authenticator authenticator;
    private final TokenStore tokens;
    private final Set<String> allowedHosts;

    public AccessGate(Authenticator authenticator, TokenStore tokens, Set<String> allowedHosts) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse res = ctx.response();
        String path = ctx.normalizedPath();
        ctx.addHeadersEndHandler(v -> SecurityHeaders.apply(path, res.headers()::set));

        String origin = req.getHeader("Origin");
        String host = authority(req);
        if (origin != null && RequestRules.isForeignOrigin(origin, host, isSecure(req))) {
            refuse(ctx, 403, "forbidden", "cross-site request refused: this service answers only pages it served itself", "cross-site Origin");
            return;
        }
        if (!tokens.tokensRequired() && !RequestRules.isAllowedHost(host, allowedHosts)) {
            refuse(ctx, 403, "forbidden", "the Host header is not one this service answers to without API tokens: "
                    + "use localhost or a loopback address, or list the name in exporter.http.allowed-hosts", "foreign Host");
            return;
        }
        RequestRules.Access access = RequestRules.access(req.method().name(), path);
        Authenticator.Result who = authenticator.authenticate(req.getHeader("Authorization"), sessionId(req));
        Caller caller = who.caller();
        boolean needsIdentity = access == RequestRules.Access.READ || access == RequestRules.Access.CHANGE;
        if (needsIdentity && !caller.identified()) {
            res.putHeader("WWW-Authenticate", who.rejected() && !who.viaSession()
                    ? "Bearer realm=\"export-service\", error=\"invalid_token\"" : "Bearer realm=\"export-service\"");
            refuse(ctx, 401, "unauthorized", who.rejected()
                    ? (who.viaSession() ? "the session has ended (signed out, expired or its token revoked): sign in again"
                    : "the token is not valid (unknown or revoked)")
                    : "this request needs an API token: send 'Authorization: Bearer <token>'", who.rejected() ? "rejected credentials" : null);
            return;
        }
        if (access == RequestRules.Access.CHANGE && !caller.role().mayChange()) {
            refuse(ctx, 403, "forbidden", "the token '" + caller.name() + "' is a viewer token: starting, previewing, "
                    + "cancelling and retrying exports needs an operator token", "viewer asked to change");
            return;
        }
        if (caller.dataTypes() != null && RequestRules.coversAllDataTypes(path)) {
            refuse(ctx, 403, "forbidden", "the token '" + caller.name() + "' is limited to some data types; metrics and health "
                    + "cover every data type and need a token that is not", "limited token asked for /observe");
            return;
        }
        ctx.setUser(CallerUser.toUser(caller));
        ctx.next();
    }

    /** Whether the request came over TLS, to this server or (per {@code X-Forwarded-Proto}) to a proxy before it. */
    public static boolean isSecure(HttpServerRequest req) {
        if (req.isSSL()) {
            return true;
        }
        String forwarded = req.getHeader("X-Forwarded-Proto");
        if (forwarded == null) {
            return false;
        }
        int comma = forwarded.indexOf(',');
        return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim().equalsIgnoreCase("https");
    }

    /** The Host header, or HTTP/2's :authority (which has no Host header), as host[:port]; null when absent. */
    static String authority(HttpServerRequest req) {
        HostAndPort a = req.authority();
        if (a == null || a.host() == null) {
            return null;
        }
        String host = a.host().indexOf(':') >= 0 && !a.host().startsWith("[") ? "[" + a.host() + "]" : a.host();
        return a.port() >= 0 ? host + ":" + a.port() : host;
    }

    static String sessionId(HttpServerRequest req) {
        Cookie c = req.getCookie(SESSION_COOKIE);
        return c == null ? null : c.getValue();
    }

    private static void refuse(RoutingContext ctx, int status, String code, String message, String logReason) {
        if (logReason != null) {
            HttpServerRequest req = ctx.request();
            LOG.warn("refused {} {} from {}: {}", req.method(), LogText.safe(ctx.normalizedPath(), 200),
                    req.remoteAddress() == null ? "?" : req.remoteAddress().hostAddress(), logReason);
        }
        JsonObject body = new JsonObject().put("error", code).put("message", message).put("details", new JsonArray());
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
