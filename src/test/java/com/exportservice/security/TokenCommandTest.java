package com.exportservice.security;

import com.exportservice.testsupport.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code token create|revoke|list} against a fresh working directory. */
class TokenCommandTest {
    @TempDir
    Path workingDir;

    CommandRun run(String... args) {
        return CommandRun.of((out, err) -> TokenCommand.run(args, out, err, workingDir, Map.of()));
    }

    @Test
    void should_print_a_new_token_once_and_store_only_its_hash() throws Exception {
        CommandRun r = run("create", "--name", "ci", "--role", "operator", "--data-types", "logs,events");

        assertThat(r.code()).as(r.err()).isZero();
        String token = r.out().strip();
        assertThat(r.out().lines()).hasSize(1);
        assertThat(token).startsWith(TokenHashes.PREFIX).hasSizeGreaterThanOrEqualTo(TokenHashes.PREFIX.length() + 43);
        assertThat(r.err()).contains("'ci'").doesNotContain(token);
        Path file = workingDir.resolve("config/tokens.yaml");
        String text = Files.readString(file);
        assertThat(text).doesNotContain(token).doesNotContain(token.substring(TokenHashes.PREFIX.length()))
                .contains(TokenHashes.sha256Hex(token));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(TokenStore.open(file, "tokens.yaml").find(token)).hasValueSatisfying(t -> {
            assertThat(t.role()).isEqualTo(Role.OPERATOR);
            assertThat(t.dataTypes()).containsExactly("logs", "events");
        });
    }

    @Test
    void should_make_a_different_token_each_time_and_refuse_a_name_twice() {
        String first = run("create", "--name", "a", "--role", "viewer").out().strip();
        String second = run("create", "--name", "b", "--role", "viewer").out().strip();
        CommandRun again = run("create", "--name", "a", "--role", "operator");

        assertThat(first).isNotEqualTo(second);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("a token named 'a' exists already");
        assertThat(run("list").out()).isEqualTo("a\tviewer\t*\nb\tviewer\t*\n");
    }

    @Test
    void should_revoke_by_name() {
        String token = run("create", "--name", "gone", "--role", "viewer").out().strip();

        CommandRun r = run("revoke", "--name", "gone");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(TokenStore.open(workingDir.resolve("config/tokens.yaml"), "t").find(token)).isEmpty();
        assertThat(run("revoke", "--name", "gone").err()).contains("no token named 'gone'");
    }

    @Test
    void should_exit_2_listing_every_problem_of_the_arguments() {
        CommandRun r = run("create", "--name", "bad name", "--role", "admin", "--data-types", "logs,nope", "--colour", "x");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown option '--colour'", "--name: required", "--role: required, viewer or operator",
                "--data-types: unknown data type 'nope'");
        assertThat(workingDir.resolve("config/tokens.yaml")).doesNotExist();
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("--help").out()).contains("token create --name NAME --role viewer|operator");
    }
}
