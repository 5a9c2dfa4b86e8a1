package com.exportservice.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticatorTest {
    @TempDir
    Path dir;

    @Test
    void should_make_everybody_the_anonymous_operator_while_there_is_no_token_and_anonymous_access_is_allowed() {
        Authenticator auth = new Authenticator(TokenStore.open(dir.resolve("t.yaml"), "t.yaml"), new Sessions(Clock.systemUTC()), true);

        assertThat(auth.authenticate(null, null).caller()).isEqualTo(Caller.ANONYMOUS);
        assertThat(auth.authenticate("Bearer whatever", null).caller()).isEqualTo(Caller.ANONYMOUS);
        assertThat(Caller.ANONYMOUS.role()).isEqualTo(Role.OPERATOR);
    }

    @Test
    void should_let_nobody_in_without_tokens_when_anonymous_access_is_not_allowed() {
        Authenticator auth = new Authenticator(TokenStore.open(dir.resolve("t.yaml"), "t.yaml"), new Sessions(Clock.systemUTC()), false);

        assertThat(auth.tokensRequired()).isTrue();
        assertThat(auth.authenticate(null, null).caller().identified()).isFalse();
    }

    @Test
    void should_know_a_bearer_token_and_refuse_an_unknown_one() throws Exception {
        String token = TokenHashes.newToken();
        Path file = dir.resolve("t.yaml");
        TokensFile.update(file, "t.yaml", c -> List.of(new ApiToken("ci", TokenHashes.sha256Hex(token), Role.VIEWER, List.of("logs"))));
        Authenticator auth = new Authenticator(TokenStore.open(file, "t.yaml"), new Sessions(Clock.systemUTC()), true);

        Caller ci = auth.authenticate("bearer  " + token, null).caller();
        assertThat(ci.name()).isEqualTo("ci");
        assertThat(ci.role()).isEqualTo(Role.VIEWER);
        assertThat(ci.dataTypes()).isEqualTo(Set.of("logs"));

        Authenticator.Result unknown = auth.authenticate("Bearer " + token + "0", null);
        assertThat(unknown.caller().identified()).isFalse();
        assertThat(unknown.rejected()).isTrue();
        assertThat(auth.authenticate("Basic " + token, null).rejected()).isTrue();
        Authenticator.Result none = auth.authenticate(null, null);
        assertThat(none.caller().identified()).isFalse();
        assertThat(none.rejected()).isFalse();
    }

    @Test
    void should_end_a_session_when_its_token_is_revoked() throws Exception {
        String token = TokenHashes.newToken();
        Path file = dir.resolve("t.yaml");
        ApiToken entry = new ApiToken("ui", TokenHashes.sha256Hex(token), Role.OPERATOR, null);
        TokensFile.update(file, "t.yaml", c -> List.of(entry, new ApiToken("other", "f".repeat(64), Role.VIEWER, null)));
        Sessions sessions = new Sessions(Clock.systemUTC());
        Authenticator auth = new Authenticator(TokenStore.open(file, "t.yaml"), sessions, true);
        String session = sessions.open(entry);
        assertThat(auth.authenticate(null, session).caller().name()).isEqualTo("ui");

        TokensFile.update(file, "t.yaml", c -> c.stream().filter(t -> !t.name().equals("ui")).toList());

        Authenticator.Result after = auth.authenticate(null, session);
        assertThat(after.caller().identified()).isFalse();
        assertThat(after.viaSession()).isTrue();
    }

    @Test
    void should_limit_a_caller_to_its_data_types() {
        Caller limited = Caller.token("m", Role.OPERATOR, List.of("metrics"));

        assertThat(limited.maySee(List.of("metrics"))).isTrue();
        assertThat(limited.maySee(List.of("metrics", "logs"))).isFalse();
        assertThat(Caller.ANONYMOUS.maySee(List.of("logs", "events"))).isTrue();
        assertThat(Caller.NOBODY.maySee(List.of())).isFalse();
    }
}
