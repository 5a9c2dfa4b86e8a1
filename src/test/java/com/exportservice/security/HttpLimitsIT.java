package com.exportservice.security;

import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a hostile client sends at the HTTP level gets a 4xx or is cut off, never a 500 and never the
 * service's resources: request headers posing as parameters, JSON beyond the parser's limits, and
 * hundreds of connections that never finish a request.
 */
class HttpLimitsIT {
    @TempDir
    static Path workingDir;
    static RunningService service;
    static String exportId;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "200", "exporter.http.idle-timeout", "PT1S"));
        exportId = service.startExport("{\"data_types\":[\"metrics\"],\"output_format\":\"csv\"}");
        service.awaitFinished(exportId);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void should_take_parameters_only_from_the_request_line_never_from_headers() throws Exception {
        HttpResponse<String> list = Http.send(service.port, "GET", "/api/exports", null, "limit", "0", "offset", "-1", "status", "bogus");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(service.json(list).path("exports")).isNotEmpty();

        HttpResponse<String> limited = Http.send(service.port, "GET", "/api/exports?limit=1&status=completed", null, "limit", "500", "status", "failed");
        assertThat(service.json(limited).path("exports")).hasSize(1);
        assertThat(service.json(limited).path("exports").get(0).path("status").asText()).isEqualTo("completed");

        HttpResponse<String> status = Http.send(service.port, "GET", "/api/exports/" + exportId + "/status", null, "id", "exp-other");
        assertThat(service.json(status).path("export_id").asText()).isEqualTo(exportId);
        HttpResponse<String> file = Http.send(service.port, "GET", "/api/exports/" + exportId + "/files/metrics.csv", null,
                "name", "manifest.json", "id", "x");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).startsWith("id,timestamp,name");
        assertThat(Http.send(service.port, "GET", "/ui/app.css", null, "name", "app.js").body()).contains("--accent");

        HttpResponse<String> bad = Http.send(service.port, "GET", "/api/exports?limit=0", null);
        assertThat(bad.statusCode()).as("the query string is still checked").isEqualTo(400);
    }

    @Test
    void should_answer_400_to_json_beyond_the_parsers_limits_with_a_message_for_a_person() throws Exception {
        List<String> bodies = List.of(
                "[".repeat(1001) + "]".repeat(1001),
                "{\"data_types\":" + "[".repeat(100) + "]".repeat(100) + "}",
                "{\"batch_size\":" + "9".repeat(1000) + "}",
                "{\"" + "x".repeat(50_000) + "\":1}",
                "{\"data_types\":[\"logs\"],",
                "\u0000\u0001",
                "null");
        long before = total();
        for (String body : bodies) {
            HttpResponse<String> r = Http.send(service.port, "POST", "/api/exports", body, "Content-Type", "application/json");
            assertThat(r.statusCode()).as(body.substring(0, Math.min(40, body.length()))).isIn(400);
            JsonNode error = service.json(r);
            assertThat(error.path("error").asText()).isIn("malformed_json", "invalid_export_config");
            assertThat(error.path("message").asText()).isNotBlank()
                    .doesNotContain("com.fasterxml").doesNotContain("Exception").doesNotContain("StreamReadConstraints")
                    .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+");
            assertThat(r.body().length()).isLessThan(2_000);
        }
        assertThat(total()).isEqualTo(before);
        assertThat(service.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void should_tell_why_an_export_failed_without_java_class_names() throws Exception {
        String id = service.startExport("{\"data_types\":[\"metrics\"],\"on_invalid\":\"fail\"}");

        JsonNode status = service.awaitFinished(id);

        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("error_message").asText()).contains("failed validation").doesNotContain("Exception")
                .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+");
    }

    @Test
    void should_close_connections_that_never_finish_their_request() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket("127.0.0.1", service.port);
                s.setSoTimeout(200);
                // half a request, then nothing (a slow-loris client)
                s.getOutputStream().write(("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow-" + i + ": ")
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                sockets.add(s);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> sockets.stream().allMatch(HttpLimitsIT::closedByServer));
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertThat(service.get("/api/health").statusCode()).isEqualTo(200);
    }

    /** Whether the server closed the connection (end of stream, or reset). */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static long total() throws IOException {
        return service.json(Http.send(service.port, "GET", "/api/exports", null)).path("total").asLong();
    }
}
