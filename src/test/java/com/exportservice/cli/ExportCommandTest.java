package com.exportservice.cli;

import com.exportservice.ExportServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command's answers that need no running service: help and invalid arguments. */
class ExportCommandTest {
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @TempDir
    Path workingDir;

    int run(String... args) {
        return ExportCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), workingDir, Map.of(), ExportServer::startOneShot);
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_print_usage_with_every_option_on_stdout_and_exit_0() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).startsWith("Usage: java -jar export-service.jar export [options]\n");
        for (ExportArguments.Option o : ExportArguments.Option.values()) {
            assertThat(out().lines().filter(l -> l.startsWith("  " + o.flag + " ")))
                    .as("one usage line for %s", o.flag).hasSize(1);
        }
        assertThat(out()).contains("  --filter FIELD=V1,V2", "  --out DIR", "  --compress ", "-h");
    }

    @Test
    void should_print_every_invalid_argument_on_stderr_and_exit_2() {
        int code = run("--bogus", "--filter", "level", "--start");

        assertThat(code).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("""
                unknown option --bogus
                --filter level: expected FIELD=VALUE or FIELD=V1,V2, e.g. level=ERROR,WARN
                --start: needs a value (DATE)
                run 'export --help' for the options
                """);
    }

    @Test
    void should_reject_an_unreadable_config_before_starting_anything() {
        int code = run("--config", "missing.json");

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("--config missing.json: file not found\n");
        assertThat(workingDir.resolve("data")).as("no database was created").doesNotExist();
        assertThat(Files.exists(workingDir.resolve("exports"))).isFalse();
    }

    @Test
    void should_reject_a_yaml_config_with_an_alias_or_a_second_document_before_starting_anything() throws Exception {
        Files.writeString(workingDir.resolve("alias.yaml"), "data_types: [logs]\nname: *label\n");
        Files.writeString(workingDir.resolve("two.yml"), "data_types: [logs]\n---\ndata_types: [events]\n");

        assertThat(run("--config", "alias.yaml")).isEqualTo(2);
        assertThat(run("--config", "two.yml")).isEqualTo(2);

        assertThat(err()).contains("--config alias.yaml: not valid YAML: a YAML alias (*label): aliases and anchors are not accepted; "
                + "write the value out (line 2, column 7)").contains("--config two.yml: not valid YAML: a second YAML document");
        assertThat(workingDir.resolve("data")).as("no database was created").doesNotExist();
    }
}
