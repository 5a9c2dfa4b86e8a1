package com.exportservice.security;

import com.exportservice.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:00:00Z"));
    private final ApiToken token = new ApiToken("ui", "e".repeat(64), Role.VIEWER, null);

    @Test
    void should_stand_for_its_token_until_signed_out() {
        Sessions sessions = new Sessions(clock);
        String id = sessions.open(token);

        assertThat(id).hasSizeGreaterThanOrEqualTo(43).doesNotContain(token.sha256());
        assertThat(sessions.tokenHash(id)).contains(token.sha256());
        assertThat(sessions.open(token)).as("a fresh id each time").isNotEqualTo(id);

        sessions.close(id);
        assertThat(sessions.tokenHash(id)).isEmpty();
    }

    @Test
    void should_expire_after_its_lifetime() {
        Sessions sessions = new Sessions(clock);
        String id = sessions.open(token);

        clock.advance(Sessions.LIFETIME.minusSeconds(1));
        assertThat(sessions.tokenHash(id)).isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(sessions.tokenHash(id)).isEmpty();
    }

    @Test
    void should_keep_at_most_the_bound_dropping_the_oldest() {
        Sessions sessions = new Sessions(clock);
        String first = sessions.open(token);
        for (int i = 1; i < Sessions.MAX_SESSIONS; i++) {
            clock.advance(Duration.ofMillis(1));
            sessions.open(token);
        }
        clock.advance(Duration.ofMillis(1));
        String last = sessions.open(token);

        assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
        assertThat(sessions.tokenHash(first)).isEmpty();
        assertThat(sessions.tokenHash(last)).isPresent();
        assertThat(sessions.tokenHash("x".repeat(500))).isEmpty();
    }
}
