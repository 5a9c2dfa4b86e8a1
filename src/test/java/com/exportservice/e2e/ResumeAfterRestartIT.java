package com.exportservice.e2e;

import com.exportservice.Json;
import com.exportservice.output.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every restartable path, with exact totals: an export interrupted by a stop of the service, and one
 * whose process is killed (SIGKILL) in the middle of its batches, continues from its checkpoints on the
 * next start and writes every row exactly once.
 */
class ResumeAfterRestartIT {
    private static final String SLOW_EXPORT = "{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\",\"batch_size\":3}";
    private final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path workingDir;

    @Test
    void should_resume_an_export_stopped_by_a_shutdown_and_write_every_row_once() throws Exception {
        String id;
        try (RunningService first = RunningService.start(workingDir, Map.of())) {
            id = first.startExport(SLOW_EXPORT);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.json(first.get("/api/exports/" + id + "/status"))
                    .path("processed_records").asLong() >= 300);
        }

        try (RunningService second = RunningService.start(workingDir, Map.of())) {
            JsonNode status = second.awaitFinished(id);
            assertCompleteAndExact(status, second.exportDir(id));
            assertThat(status.path("trigger").asText()).isEqualTo("http");
        }
    }

    @Test
    void should_resume_an_export_whose_process_was_killed_and_write_every_row_once() throws Exception {
        int port = RunningService.freePort();
        Process process = startJar(port);
        String id;
        try {
            awaitHealthy(port);
            HttpResponse<String> created = http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/exports"))
                    .POST(HttpRequest.BodyPublishers.ofString(SLOW_EXPORT)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(202);
            id = mapper.readTree(created.body()).path("export_id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> status(port, id).path("processed_records").asLong() >= 300);
        } finally {
            process.destroyForcibly().waitFor();
        }

        try (RunningService second = RunningService.start(workingDir, Map.of())) {
            JsonNode status = second.awaitFinished(id);
            assertCompleteAndExact(status, second.exportDir(id));
        }
    }

    private void assertCompleteAndExact(JsonNode status, Path dir) throws Exception {
        assertThat(status.path("status").asText()).isEqualTo("completed");
        for (String type : List.of("logs", "events")) {
            List<Long> expected = RunningService.sourceIds(workingDir, type);
            List<Long> exported = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(type + ".jsonl"), StandardCharsets.UTF_8)) {
                exported.add(mapper.readTree(line).path("id").asLong());
            }
            assertThat(exported).hasSameSizeAs(new HashSet<>(exported)).containsExactlyElementsOf(expected);
            assertThat(status.path("data_type_status").path(type).path("records").asLong()).isEqualTo(expected.size());
        }
        assertThat(status.path("processed_records").asLong()).isEqualTo(status.path("total_records").asLong());
        JsonNode manifest = mapper.readTree(dir.resolve("manifest.json").toFile());
        for (JsonNode f : manifest.path("files")) {
            assertThat(f.path("sha256").asText()).isEqualTo(Sha256.hex(dir.resolve(f.path("name").asText())));
        }
    }

    private Process startJar(int port) throws Exception {
        Path jar = Path.of("target/export-service.jar").toAbsolutePath();
        assertThat(jar).exists();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dexporter.http.port=" + port, "-Dexporter.demo.rows=2500", "-jar", jar.toString())
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workingDir.resolve("service.log").toFile())
                .start();
    }

    private void awaitHealthy(int port) {
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> http().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    private JsonNode status(int port, String id) throws Exception {
        return mapper.readTree(http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/exports/" + id + "/status"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpClient http() {
        return HttpClient.newHttpClient();
    }
}
