package com.exportservice.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds out who sent a request from its {@code Authorization: Bearer} header or its session cookie.
 * While the tokens file holds no token and anonymous access is allowed (a loopback address, or
 * {@code exporter.security.allow-anonymous}), everybody is the anonymous operator.
 */
public final class Authenticator {
    /**
     * The outcome.
     *
     * @param rejected credentials were presented but are unknown, revoked or expired (as opposed to none at all)
     */
    public record Result(Caller caller, boolean rejected, boolean viaSession) {
    }

    private final TokenStore tokens;
    private final Sessions sessions;
    private final boolean anonymousAllowed;

    public Authenticator(TokenStore tokens, Sessions sessions, boolean anonymousAllowed) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.anonymousAllowed = anonymousAllowed;
    }

    /** Whether requests need a token now (the tokens file holds one, or anonymous access is not allowed). */
    public boolean tokensRequired() {
        return tokens.tokensRequired() || !anonymousAllowed;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param sessionId     the session cookie's value, or null
     */
    public Result authenticate(String authorization, String sessionId) {
        if (!tokensRequired()) {
            return new Result(Caller.ANONYMOUS, false, false);
        }
        if (authorization != null) {
            Optional<ApiToken> token = bearer(authorization).flatMap(tokens::find);
            return token.map(t -> new Result(t.caller(), false, false)).orElseGet(() -> new Result(Caller.NOBODY, true, false));
        }
        if (sessionId != null) {
            Optional<ApiToken> token = sessions.tokenHash(sessionId).flatMap(tokens::byHashHex);
            return token.map(t -> new Result(t.caller(), false, true)).orElseGet(() -> new Result(Caller.NOBODY, true, true));
        }
        return new Result(Caller.NOBODY, false, false);
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive, RFC 6750), if that is what it is. */
    static Optional<String> bearer(String authorization) {
        String h = authorization.trim();
        if (h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            String token = h.substring(7).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
