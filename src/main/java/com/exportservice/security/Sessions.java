package com.exportservice.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browser sessions of the web UI: a random session id in an HttpOnly cookie stands for a token,
 * so the page's script never holds the token. The session refers to its token by hash and is checked
 * against the tokens file on every request: revoking the token ends its sessions. Sessions live in memory
 * (a restart signs everybody out) for at most {@link #LIFETIME}; their ids are kept only as hashes.
 */
public final class Sessions {
    /** How long a sign-in lasts (a working day and then some; the UI asks for the token again after). */
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** Bound on live sessions, so that sign-ins cannot fill the memory; the oldest goes first. */
    static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Session(String tokenSha256, Instant created) {
    }

    private final Map<String, Session> byIdHash = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** Starts a session for a token; returns the session id for the cookie. */
    public String open(ApiToken token) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (byIdHash.size() >= MAX_SESSIONS) {
            evictOldest();
        }
        byIdHash.put(TokenHashes.sha256Hex(id), new Session(token.sha256(), clock.instant()));
        return id;
    }

    /** The hash of the token a live session stands for. */
    public Optional<String> tokenHash(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 100) {
            return Optional.empty();
        }
        String key = TokenHashes.sha256Hex(sessionId);
        Session s = byIdHash.get(key);
        if (s == null) {
            return Optional.empty();
        }
        if (s.created.plus(LIFETIME).isBefore(clock.instant())) {
            byIdHash.remove(key);
            return Optional.empty();
        }
        return Optional.of(s.tokenSha256);
    }

    /** Ends a session (sign-out); unknown ids are ignored. */
    public void close(String sessionId) {
        if (sessionId != null && sessionId.length() <= 100) {
            byIdHash.remove(TokenHashes.sha256Hex(sessionId));
        }
    }

    int size() {
        return byIdHash.size();
    }

    private void evictOldest() {
        Instant expiredBefore = clock.instant().minus(LIFETIME);
        byIdHash.values().removeIf(s -> s.created.isBefore(expiredBefore));
        if (byIdHash.size() < MAX_SESSIONS) {
            return;
        }
        String oldest = null;
        Instant oldestTime = Instant.MAX;
        for (Iterator<Map.Entry<String, Session>> it = byIdHash.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Session> e = it.next();
            if (e.getValue().created.isBefore(oldestTime)) {
                oldestTime = e.getValue().created;
                oldest = e.getKey();
            }
        }
        if (oldest != null) {
            byIdHash.remove(oldest);
        }
    }
}
