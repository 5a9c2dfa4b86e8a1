package com.exportservice.security;

import com.exportservice.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Access control of the HTTP server, built once at start-up: the settings, the start-up check, the tokens
 * file, the browser sessions and the gate in front of every request.
 */
public final class HttpSecurity {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSecurity.class);

    private final HttpAccessSettings settings;
    private final TokenStore tokens;
    private final Sessions sessions;
    private final Authenticator authenticator;
    private final AccessGate gate;

    private HttpSecurity(HttpAccessSettings settings, TokenStore tokens, Sessions sessions) {
        this.settings = settings;
        this.tokens = tokens;
        this.sessions = sessions;
        this.authenticator = new Authenticator(tokens, sessions, settings.anonymousAllowed());
        this.gate = new AccessGate(authenticator, tokens, settings.allowedHosts());
    }

    /**
     * Reads the settings and the tokens file and runs the start-up check.
     *
     * @throws com.exportservice.config.ConfigException when the service must not start (a malformed tokens
     *                                                  file, or a non-loopback address without tokens)
     */
    public static HttpSecurity create(Settings settings, Path workingDir, Clock clock) {
        HttpAccessSettings s = HttpAccessSettings.from(settings, workingDir);
        TokenStore tokens = TokenStore.open(s.tokensFile(), s.tokensFileName());
        s.checkBootstrap(tokens.tokensRequired());
        LOG.info("HTTP access: bound to {}; {}", s.host(), tokens.tokensRequired()
                ? tokens.size() + " API token(s) in " + s.tokensFileName() + "; every API request needs one"
                : "no API tokens, anonymous access" + (s.loopback() ? " (this machine only)" : " (allowed by "
                + HttpAccessSettings.ALLOW_ANONYMOUS + ")"));
        return new HttpSecurity(s, tokens, sessions(clock));
    }

    private static Sessions sessions(Clock clock) {
        return new Sessions(clock);
    }

    public HttpAccessSettings settings() {
        return settings;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public SecuredHttpServerFactory serverFactory() {
        return new SecuredHttpServerFactory(gate);
    }
}
