package com.exportservice.security;

import com.exportservice.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensFileTest {
    private static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void should_read_name_hash_role_and_data_types() {
        List<ApiToken> tokens = TokensFile.parse("""
                tokens:
                  - { name: ci, sha256: %s, role: operator }
                  - name: "true"
                    sha256: %s
                    role: viewer
                    data_types: [logs, events]
                """.formatted(HASH, "B".repeat(64)), "t.yaml");

        assertThat(tokens).containsExactly(
                new ApiToken("ci", HASH, Role.OPERATOR, null),
                new ApiToken("true", "b".repeat(64), Role.VIEWER, List.of("logs", "events")));
    }

    @Test
    void should_read_an_absent_or_empty_file_as_no_tokens() {
        assertThat(TokensFile.read(dir.resolve("missing.yaml"), "missing.yaml")).isEmpty();
        assertThat(TokensFile.parse("", "t.yaml")).isEmpty();
        assertThat(TokensFile.parse("tokens: []", "t.yaml")).isEmpty();
        assertThat(TokensFile.parse("# only a comment\ntokens:\n", "t.yaml")).isEmpty();
    }

    @Test
    void should_list_every_problem_with_its_place() {
        assertThatThrownBy(() -> TokensFile.parse("""
                tokens:
                  - { name: ci, sha256: %s, role: admin }
                  - { name: ci, sha256: %s, role: viewer }
                  - { name: "bad name", sha256: short, role: viewer, data_types: [], extra: 1 }
                other: 1
                """.formatted(HASH, "c".repeat(64)), "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yaml: tokens[0].role: required, viewer or operator")
                .hasMessageContaining("t.yaml: tokens[2]: unknown key 'extra'")
                .hasMessageContaining("tokens[2].name")
                .hasMessageContaining("tokens[2].sha256")
                .hasMessageContaining("tokens[2].data_types")
                .hasMessageContaining("unknown key 'other'");
        assertThatThrownBy(() -> TokensFile.parse("""
                tokens:
                  - { name: ci, sha256: %s, role: viewer }
                  - { name: ci, sha256: %s, role: viewer }
                """.formatted(HASH, "c".repeat(64)), "t.yaml")).hasMessageContaining("'ci' is used twice");
        assertThatThrownBy(() -> TokensFile.parse("tokens: [ {", "t.yaml")).hasMessageStartingWith("t.yaml: malformed YAML");
    }

    @Test
    void should_write_what_it_reads_back_privately_and_keep_other_entries() throws Exception {
        Path file = dir.resolve("config/tokens.yaml");
        ApiToken a = new ApiToken("a", HASH, Role.VIEWER, List.of("logs"));
        ApiToken b = new ApiToken("null", "d".repeat(64), Role.OPERATOR, null);

        TokensFile.update(file, "tokens.yaml", current -> List.of(a));
        List<ApiToken> after = TokensFile.update(file, "tokens.yaml", current -> {
            List<ApiToken> next = new ArrayList<>(current);
            next.add(b);
            return next;
        });

        assertThat(after).containsExactly(a, b);
        assertThat(TokensFile.read(file, "tokens.yaml")).containsExactly(a, b);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void should_leave_the_file_as_it_was_when_a_change_is_refused() throws Exception {
        Path file = dir.resolve("tokens.yaml");
        TokensFile.update(file, "tokens.yaml", current -> List.of(new ApiToken("a", HASH, Role.VIEWER, null)));
        String before = Files.readString(file);

        assertThatThrownBy(() -> TokensFile.update(file, "tokens.yaml", current -> {
            throw new ConfigException("no");
        })).isInstanceOf(ConfigException.class);

        assertThat(Files.readString(file)).isEqualTo(before);
    }
}
