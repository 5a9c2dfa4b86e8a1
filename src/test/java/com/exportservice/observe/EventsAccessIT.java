package com.exportservice.observe;

import com.exportservice.e2e.RunningService;
import com.exportservice.security.TokenCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/events with API tokens: credentials needed, and a token limited to data types sees only its exports. */
class EventsAccessIT {
    @TempDir
    static Path workingDir;
    static RunningService service;
    static String operator;
    static String viewer;
    static String metricsViewer;

    @BeforeAll
    static void start() throws Exception {
        operator = token("ops", "operator", null);
        viewer = token("all-viewer", "viewer", null);
        metricsViewer = token("metrics-viewer", "viewer", "metrics");
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "500"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void should_refuse_a_stream_without_credentials() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port + EventStream.PATH)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"unauthorized\"");
    }

    @Test
    void should_show_a_token_limited_to_data_types_only_the_exports_it_covers() throws Exception {
        try (SseClient all = SseClient.open(service.port, "Authorization", "Bearer " + viewer);
             SseClient limited = SseClient.open(service.port, "Authorization", "Bearer " + metricsViewer)) {
            String logs = start("{\"data_types\":[\"logs\"]}");
            String mixed = start("{\"data_types\":[\"metrics\",\"events\"]}");
            String metrics = start("{\"data_types\":[\"metrics\"]}");

            List<SseClient.Event> seenByLimited = limited.until(e -> e.exportId().equals(metrics) && e.status().equals("completed"),
                    Duration.ofSeconds(60));
            List<SseClient.Event> seenByAll = all.until(e -> e.exportId().equals(metrics) && e.status().equals("completed"),
                    Duration.ofSeconds(60));

            assertThat(seenByLimited).extracting(SseClient.Event::exportId).containsOnly(metrics);
            assertThat(seenByAll).extracting(SseClient.Event::exportId).contains(logs, mixed, metrics);
            // and nothing of the others arrives later either
            service.awaitFinishedWith(logs, "Bearer " + operator);
            service.awaitFinishedWith(mixed, "Bearer " + operator);
            assertThat(limited.events).extracting(SseClient.Event::exportId).doesNotContain(logs, mixed);
        }
    }

    private static String start(String request) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port + "/api/exports")).header("Authorization", "Bearer " + operator)
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return service.json(r).path("export_id").asText();
    }

    private static String token(String name, String role, String dataTypes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = dataTypes == null ? new String[]{"create", "--name", name, "--role", role}
                : new String[]{"create", "--name", name, "--role", role, "--data-types", dataTypes};
        int code = TokenCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                workingDir, Map.of());
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
