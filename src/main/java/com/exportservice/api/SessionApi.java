package com.exportservice.api;

import com.exportservice.security.AccessGate;
import com.exportservice.security.ApiToken;
import com.exportservice.security.Authenticator;
import com.exportservice.security.Caller;
import com.exportservice.security.CallerUser;
import com.exportservice.security.Sessions;
import com.exportservice.security.TokenStore;
import com.exportservice.submission.RequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in and sign-out of the web UI ({@code sessionApi}, {@code /api/session}): the token is posted once
 * in a JSON body and exchanged for a session cookie (HttpOnly, SameSite=Strict, Secure over https), so
 * it never sits in the page's script, a URL or the browser history. Scripts use the token directly.
 */
public final class SessionApi {
    private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);

    private final TokenStore tokens;
    private final Sessions sessions;
    private final Authenticator authenticator;
    private final ObjectMapper mapper;

    public SessionApi(TokenStore tokens, Sessions sessions, Authenticator authenticator, ObjectMapper mapper) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    /** POST /api/session {"token": "..."}: 200 with who signed in and the cookie; 401 for an unknown token. */
    public void signIn(Exchange exchange) throws JsonProcessingException {
        if (!authenticator.tokensRequired()) {
            json(exchange, 200, describe(Caller.ANONYMOUS));
            return;
        }
        JsonNode body = JsonBodies.read(exchange, "the request body");
        JsonNode token = body.path("token");
        Optional<ApiToken> found = token.isTextual() ? tokens.find(token.asText().strip()) : Optional.empty();
        if (found.isEmpty()) {
            LOG.warn("sign-in refused: unknown token (from {})", remote(exchange));
            throw new RequestException(401, "unauthorized", "the token is not valid (unknown or revoked)");
        }
        String sessionId = sessions.open(found.get());
        LOG.info("'{}' signed in to the web UI (from {})", found.get().name(), remote(exchange));
        json(exchange, 200, describe(found.get().caller()));
        exchange.getMessage().setHeader("Set-Cookie", cookie(sessionId, Sessions.LIFETIME.toSeconds(), secure(exchange)));
    }

    /** GET /api/session: who the request's credentials stand for (the gate already refused none). */
    public void whoAmI(Exchange exchange) throws JsonProcessingException {
        json(exchange, 200, describe(CallerUser.of(exchange)));
    }

    /** DELETE /api/session: ends the browser's session and deletes its cookie; 204 whether or not one existed. */
    public void signOut(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage http) {
            io.vertx.core.http.Cookie c = http.getRequest().getCookie(AccessGate.SESSION_COOKIE);
            if (c != null) {
                sessions.close(c.getValue());
            }
        }
        ExportApi.respond(exchange, 204, "application/json", null);
        exchange.getMessage().setHeader("Set-Cookie", cookie("", 0, secure(exchange)));
    }

    private Map<String, Object> describe(Caller caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", caller.name());
        body.put("role", caller.role() == null ? null : caller.role().yamlName());
        body.put("data_types", caller.dataTypes() == null ? null : caller.dataTypes().stream().sorted().toList());
        body.put("tokens_required", authenticator.tokensRequired());
        return body;
    }

    static String cookie(String value, long maxAgeSeconds, boolean secure) {
        return AccessGate.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    private static boolean secure(Exchange exchange) {
        return exchange.getIn() instanceof HttpMessage http && AccessGate.isSecure(http.getRequest());
    }

    private static String remote(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage http) {
            HttpServerRequest r = http.getRequest();
            return r.remoteAddress() == null ? "?" : r.remoteAddress().hostAddress();
        }
        return "?";
    }

    private void json(Exchange exchange, int code, Object body) throws JsonProcessingException {
        ExportApi.respond(exchange, code, "application/json", mapper.writeValueAsBytes(body));
    }
}
