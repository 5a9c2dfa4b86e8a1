package com.exportservice.cli;

import com.exportservice.ExportServer;
import com.exportservice.testsupport.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-shot command against the real engine: embedded H2 source with a small demo, fresh working directory. */
class ExportCommandIT {
    static final Map<String, String> SMALL_DEMO = Map.of("exporter.demo.rows", "500");

    @TempDir
    Path workingDir;

    CommandRun run(String... args) {
        return CommandRun.of((out, err) -> ExportCommand.run(args, out, err, workingDir, SMALL_DEMO, ExportServer::startOneShot));
    }

    @Test
    void should_export_and_print_only_the_export_directory() throws IOException {
        CommandRun r = run("--data-types", "logs,events", "--format", "jsonl", "--filter", "level=ERROR,WARN", "--out", "out");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        Path exportDir = Path.of(r.out().strip());
        assertThat(exportDir).isAbsolute().isDirectory().hasParent(workingDir.resolve("out").toAbsolutePath());
        assertThat(exportDir.getFileName().toString()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(exportDir.resolve("logs.jsonl")).isRegularFile();
        assertThat(exportDir.resolve("events.jsonl")).isRegularFile();
        assertThat(exportDir.resolve("manifest.json")).isRegularFile();
        assertThat(Files.readAllLines(exportDir.resolve("logs.jsonl")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).containsAnyOf("\"level\":\"ERROR\"", "\"level\":\"WARN\""));
        assertThat(r.err()).contains("export " + exportDir.getFileName() + ": completed");
    }

    @Test
    void should_write_under_the_configured_output_directory_without_out() throws IOException {
        Files.writeString(workingDir.resolve("request.yaml"), "data_types: [metrics]\noutput_format: csv\n");

        CommandRun r = run("--config", "request.yaml", "--compress");

        assertThat(r.code()).as(r.err()).isZero();
        Path exportDir = Path.of(r.out().strip());
        assertThat(exportDir.getParent()).isEqualTo(workingDir.resolve("exports").toAbsolutePath().normalize());
        assertThat(exportDir.resolve(exportDir.getFileName() + ".zip")).isRegularFile();
    }

    @Test
    void should_exit_1_when_the_export_fails() {
        // the demo's logs hold records that fail validation (an undeclared level every 600 rows, from id 41)
        CommandRun r = run("--data-types", "logs", "--on-invalid", "fail", "--out", "out");

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        Path exportDir = Path.of(r.out().strip());
        assertThat(r.err()).contains("export " + exportDir.getFileName() + ": failed");
        assertThat(exportDir.resolve("logs.json")).doesNotExist();
    }

    @Test
    void should_exit_2_with_the_apis_messages_for_an_invalid_request() {
        CommandRun r = run("--data-types", "logs,nope", "--batch-size", "0", "--filter", "levle=ERROR");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("data_types[1]: unknown data type 'nope'", "batch_size: must be an integer from 1 to 100000",
                "filters.levle: ");
    }

    @Test
    void should_exit_2_for_an_invalid_setting() {
        CommandRun r = CommandRun.of((out, err) -> ExportCommand.run(new String[]{"--data-types", "logs"}, out, err, workingDir,
                Map.of("exporter.source.timezone", "Mars/Base"), ExportServer::startOneShot));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("exporter.source.timezone");
    }
}
