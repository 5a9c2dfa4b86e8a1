package com.exportservice.security;

import com.exportservice.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void should_find_a_token_by_its_hash_and_nothing_else() throws Exception {
        Path file = dir.resolve("tokens.yaml");
        String token = TokenHashes.newToken();
        write(file, List.of(new ApiToken("ci", TokenHashes.sha256Hex(token), Role.OPERATOR, null)));

        TokenStore store = TokenStore.open(file, "tokens.yaml");

        assertThat(store.find(token)).map(ApiToken::name).contains("ci");
        assertThat(store.find(token + "x")).isEmpty();
        assertThat(store.find(TokenHashes.sha256Hex(token))).as("the stored hash is not a token").isEmpty();
        assertThat(store.find("")).isEmpty();
        assertThat(store.tokensRequired()).isTrue();
    }

    @Test
    void should_require_no_token_while_the_file_is_absent() {
        TokenStore store = TokenStore.open(dir.resolve("none.yaml"), "none.yaml");

        assertThat(store.tokensRequired()).isFalse();
        assertThat(store.find("anything")).isEmpty();
    }

    @Test
    void should_see_a_revocation_and_a_new_token_without_being_reopened() throws Exception {
        Path file = dir.resolve("tokens.yaml");
        String first = TokenHashes.newToken();
        String second = TokenHashes.newToken();
        write(file, List.of(new ApiToken("first", TokenHashes.sha256Hex(first), Role.VIEWER, null)));
        TokenStore store = TokenStore.open(file, "tokens.yaml");
        assertThat(store.find(first)).isPresent();

        write(file, List.of(new ApiToken("second", TokenHashes.sha256Hex(second), Role.VIEWER, null)));

        assertThat(store.find(first)).isEmpty();
        assertThat(store.find(second)).map(ApiToken::name).contains("second");
    }

    @Test
    void should_accept_no_token_while_the_file_is_broken_and_recover_when_fixed() throws Exception {
        Path file = dir.resolve("tokens.yaml");
        String token = TokenHashes.newToken();
        List<ApiToken> good = List.of(new ApiToken("ci", TokenHashes.sha256Hex(token), Role.VIEWER, null));
        write(file, good);
        TokenStore store = TokenStore.open(file, "tokens.yaml");

        Files.writeString(file, Files.readString(file).replace("role: viewer", "role: superuser"));

        assertThat(store.find(token)).isEmpty();
        assertThat(store.tokensRequired()).as("a broken file never means anonymous access").isTrue();

        write(file, good);
        assertThat(store.find(token)).isPresent();
    }

    @Test
    void should_not_open_a_broken_file() throws Exception {
        Path file = dir.resolve("tokens.yaml");
        Files.writeString(file, "tokens: [ { name: x } ]");

        assertThatThrownBy(() -> TokenStore.open(file, "tokens.yaml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tokens.yaml: tokens[0].sha256");
    }

    private static void write(Path file, List<ApiToken> tokens) throws Exception {
        Path tmp = file.resolveSibling("next.tmp");
        Files.writeString(tmp, TokensFile.format(tokens));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
