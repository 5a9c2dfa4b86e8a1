package com.exportservice.security;

import com.exportservice.config.DataTypesLoader;
import com.exportservice.config.EmbeddedDatabases;
import com.exportservice.e2e.RunningService;
import com.exportservice.output.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hostile-input suite of issue 11, point 9: each finding of the probe as a regression test against
 * the running service, a few hundred requests in all. Every test asserts the answer (status and error
 * body), and after each one a bystander export's state and files are unchanged and the service is healthy.
 */
class HostileInputIT {
    /** A data type whose queries run for minutes unless stopped: logs × ten million. */
    private static final String SLOW_TYPE = """
              slow:
                query: "SELECT l.id * 10000000 + r.x AS id, l.message AS message FROM logs l CROSS JOIN SYSTEM_RANGE(1, 10000000) r"
                id-column: id
                fields:
                  id:      { type: integer }
                  message: { type: text }
            """;
    private static final String FIFTY_THOUSAND_CONTAINS = "{\"data_types\":[\"logs\"],\"filters\":{\"message\":{\"all_of\":["
            + IntStream.range(0, 50_000).mapToObj(i -> "{\"contains\":\"x" + i % 100 + "\"}").collect(Collectors.joining(",")) + "]}}}";

    @TempDir
    static Path workingDir;
    static RunningService service;
    static Path inbox;
    static String bystander;
    static JsonNode bystanderStatus;
    static Map<String, String> bystanderFiles;

    @BeforeAll
    static void start() throws Exception {
        Path config = Files.createDirectories(workingDir.resolve("config"));
        String demo;
        try (InputStream in = HostileInputIT.class.getResourceAsStream(DataTypesLoader.DEFAULT_RESOURCE)) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(config.resolve("data-types.yaml"), demo.stripTrailing() + "\n\n" + SLOW_TYPE);
        Files.writeString(config.resolve("schedules.yaml"),
                "schedules:\n  - id: hourly\n    every: PT1H\n    export: { data_types: [metrics] }\n");
        inbox = Files.createDirectories(workingDir.resolve("inbox"));
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "300",
                // a record counted as a megabyte a field: the 100,000-row batches asked for below cannot fit
                "exporter.memory.bytes-per-field", "1000000",
                "exporter.source.preview-timeout", "PT8S"));
        bystander = service.startExport("{\"data_types\":[\"metrics\",\"events\"],\"output_format\":\"csv\",\"name\":\"bystander\"}");
        bystanderStatus = service.awaitFinished(bystander);
        assertThat(bystanderStatus.path("status").asText()).isEqualTo("completed");
        bystanderFiles = files(bystander);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** After every attack: the bystander export as it was, and the service healthy. */
    @AfterEach
    void bystanderUnchangedAndServiceHealthy() throws Exception {
        assertThat(service.json(service.get("/api/exports/" + bystander + "/status"))).isEqualTo(bystanderStatus);
        assertThat(files(bystander)).isEqualTo(bystanderFiles);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> health = service.get("/api/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        });
    }

    @Test
    void should_run_two_exports_asking_for_the_largest_batches_within_the_memory_budget_and_say_so() throws Exception {
        String request = "{\"data_types\":[\"logs\",\"events\"],\"batch_size\":100000}";
        String first = service.startExport(request);
        String second = service.startExport(request);

        for (String id : List.of(first, second)) {
            JsonNode status = service.awaitFinished(id);
            assertThat(status.path("status").asText()).isEqualTo("completed");
            assertThat(status.path("processed_records").asLong()).isEqualTo(600);
            assertThat(status.path("warnings")).singleElement().satisfies(w ->
                    assertThat(w.asText()).startsWith("batch_size 100000 lowered to ").contains("memory budget"));
            assertThat(status.path("total_batches").asLong()).as("smaller batches, as many as needed").isGreaterThan(2);
            JsonNode config = service.json(service.get("/api/exports/" + id)).path("config");
            assertThat(config.path("batch_size").asInt()).as("the request as asked").isEqualTo(100_000);
        }
    }

    @Test
    void should_refuse_a_preview_with_fifty_thousand_contains_conditions_at_once_naming_the_field() throws Exception {
        HttpResponse<String> r = service.post("/api/exports/preview", FIFTY_THOUSAND_CONTAINS);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = service.json(r);
        assertThat(error.path("error").asText()).isEqualTo("invalid_export_config");
        assertThat(error.path("details")).singleElement().satisfies(d -> {
            assertThat(d.path("field").asText()).isEqualTo("filters.message.all_of");
            assertThat(d.path("problem").asText()).contains("at most 100 conditions");
        });
        assertThat(r.body().length()).isLessThan(1_000);
    }

    @Test
    void should_refuse_an_in_list_of_120000_values_and_create_nothing() throws Exception {
        long before = total();
        String body = "{\"data_types\":[\"logs\"],\"filters\":{\"id\":{\"in\":["
                + IntStream.range(0, 120_000).mapToObj(String::valueOf).collect(Collectors.joining(",")) + "]}}}";

        HttpResponse<String> r = service.post("/api/exports", body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(service.json(r).path("details")).singleElement().satisfies(d -> {
            assertThat(d.path("field").asText()).isEqualTo("filters.id.in");
            assertThat(d.path("problem").asText()).isEqualTo("at most 1000 values in one list, got 120000");
        });
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void should_answer_24_hostile_previews_in_parallel_and_keep_the_inbox_working() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(clients.submit(() -> service.post("/api/exports/preview", FIFTY_THOUSAND_CONTAINS)));
            }
            for (Future<HttpResponse<String>> a : answers) {
                assertThat(a.get().statusCode()).isEqualTo(400);
            }
        } finally {
            clients.shutdownNow();
        }
        Files.writeString(inbox.resolve("after-the-storm.json"), "{\"data_types\":[\"metrics\"]}");
        awaitMoved(".processed", "after-the-storm.json");
        String id = Files.readString(inbox.resolve(".processed/after-the-storm.json.export_id"));
        assertThat(service.awaitFinished(id).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void should_answer_hundreds_of_malformed_and_oversized_requests_with_4xx_and_never_a_500() throws Exception {
        long before = total();
        List<String> bodies = new ArrayList<>(List.of(
                "[".repeat(1_001) + "]".repeat(1_001),
                "{\"batch_size\":" + "9".repeat(1_000) + "}",
                "{\"" + "x".repeat(50_000) + "\":1}",
                "{\"data_types\":[\"logs\"]} {\"data_types\":[\"events\"]}",
                "{\"data_types\":[\"logs\"],\"name\":\"" + "\uD83D\uDE00".repeat(201) + "\"}",
                "{\"data_types\":[\"logs\"],\"batch_size\":100001}",
                "{\"data_types\":[\"logs\"]," + IntStream.range(0, 20_000).mapToObj(i -> "\"f" + i + "\":1").collect(Collectors.joining(",")) + "}",
                "{\"data_types\":[\"logs\"],\"filters\":{\"id\":{\"all_of\":[" + IntStream.range(0, 150).mapToObj(i -> "{\"gt\":" + i + "}")
                        .collect(Collectors.joining(",")) + "]}}}"));
        for (int i = 0; i < 200; i++) {
            bodies.add("{\"data_types\":[\"logs\"],\"filters\":{\"level\":{\"in\":[" + "\"ERROR\",".repeat(i % 7) + "\"nope" + i + "\"]}}}");
        }
        for (String body : bodies) {
            for (String path : List.of("/api/exports", "/api/exports/preview")) {
                HttpResponse<String> r = service.post(path, body);
                assertThat(r.statusCode()).as(path + " " + body.substring(0, Math.min(60, body.length()))).isBetween(400, 499);
                JsonNode error = service.json(r);
                assertThat(error.path("error").asText()).isIn("malformed_json", "invalid_export_config");
                assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\n");
                assertThat(r.body().length()).isLessThan(40_000);
            }
        }
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void should_store_a_name_of_200_emoji_and_refuse_201() throws Exception {
        String name = "\uD83D\uDE00".repeat(200);

        String id = service.startExport("{\"data_types\":[\"metrics\"],\"name\":\"" + name + "\"}");
        HttpResponse<String> longer = service.post("/api/exports", "{\"data_types\":[\"metrics\"],\"name\":\"" + name + "\uD83D\uDE00\"}");

        assertThat(service.awaitFinished(id).path("name").asText()).isEqualTo(name);
        assertThat(longer.statusCode()).isEqualTo(400);
        assertThat(service.json(longer).path("details").get(0).path("field").asText()).isEqualTo("name");
        assertThat(service.json(longer).path("details").get(0).path("problem").asText()).isEqualTo("must be at most 200 characters, got 201");
    }

    @Test
    void should_take_parameters_from_the_request_line_only() {
        HttpResponse<String> r = Http.send(service.port, "GET", "/api/exports", null, "limit", "0", "status", "bogus", "offset", "-1",
                "id", "x", "name", "y");

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void should_cancel_a_preview_whose_client_went_away() throws Exception {
        try (Socket client = slowPreview()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> slowQueries() == 1);
        }
        // the preview's own time is 8 s; without the cancel its queries would run for minutes
        await().atMost(Duration.ofSeconds(3)).until(() -> slowQueries() == 0);
    }

    @Test
    void should_answer_only_as_many_previews_at_once_as_the_source_connections_left_to_exports_allow() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try {
            // pool of 6 source connections, 2 concurrent exports holding 2 each: 2 previews at once
            for (int i = 0; i < 2; i++) {
                clients.add(slowPreview());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> slowQueries() == 2);

            HttpResponse<String> third = service.post("/api/exports/preview", "{\"data_types\":[\"metrics\"]}");
            HttpResponse<String> invalid = service.post("/api/exports/preview", "{\"data_types\":[\"nope\"]}");

            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(service.json(third).path("error").asText()).isEqualTo("too_many_previews");
            assertThat(invalid.statusCode()).as("a request is checked before it waits for a place").isEqualTo(400);
        } finally {
            for (Socket c : clients) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> slowQueries() == 0);
        assertThat(service.post("/api/exports/preview", "{\"data_types\":[\"metrics\"]}").statusCode()).isEqualTo(200);
    }

    @Test
    void should_answer_503_to_a_preview_that_takes_longer_than_its_time() throws Exception {
        HttpResponse<String> r = service.post("/api/exports/preview", "{\"data_types\":[\"slow\"]}");

        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode error = service.json(r);
        assertThat(error.path("error").asText()).isEqualTo("query_timeout");
        assertThat(error.path("message").asText()).contains("PT8S").contains("exporter.source.preview-timeout");
        assertThat(slowQueries()).isZero();
    }

    @Test
    void should_refuse_yaml_aliases_anchors_and_second_documents_in_inbox_files() throws Exception {
        Files.writeString(inbox.resolve("alias.yaml"), "data_types: [metrics]\nname: *n\n");
        Files.writeString(inbox.resolve("laughs.yaml"), "a: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\ndata_types: [metrics]\n");
        Files.writeString(inbox.resolve("two.yaml"), "data_types: [metrics]\n---\ndata_types: [logs]\n");
        long before = total();

        assertThat(errorOf("alias.yaml").path("message").asText()).contains("a YAML alias (*n)").contains("line 2");
        assertThat(errorOf("laughs.yaml").path("message").asText()).contains("a YAML anchor (&a)");
        assertThat(errorOf("two.yaml").path("message").asText()).contains("a second YAML document").contains("line 3");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void should_move_a_symbolic_link_without_reading_its_target_and_refuse_files_over_a_mebibyte(@TempDir Path elsewhere)
            throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("secret.json"), "{\"data_types\":[\"logs\"],\"name\":\"s3cr3t\"}");
        Files.createSymbolicLink(inbox.resolve("steal.json"), secret);
        Files.writeString(inbox.resolve("huge.json"), "{\"data_types\":[\"logs\"],\"name\":\"" + "x".repeat(1024 * 1024) + "\"}");
        long before = total();

        JsonNode link = errorOf("steal.json");
        assertThat(link.path("error").asText()).isEqualTo("forbidden");
        assertThat(Files.isSymbolicLink(inbox.resolve(".failed/steal.json"))).isTrue();
        assertThat(secret).exists();
        assertThat(link.toString()).doesNotContain("s3cr3t");
        assertThat(errorOf("huge.json").path("error").asText()).isEqualTo("payload_too_large");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void should_log_inbox_file_names_without_forged_lines() throws Exception {
        String name = "a\n2026-11-26T04:13:03,123 INFO  [main] StatusTracker - all exports deleted\u001b[1A.json";
        try (LogCapture log = new LogCapture()) {
            Files.writeString(inbox.resolve(name), "{\"data_types\":[\"metrics\"]}");
            awaitMoved(".processed", name);

            assertThat(log.text()).contains("inbox file a?2026-11-26T04:13:03,123 INFO").doesNotContain("\u001b")
                    .doesNotContainPattern("(?m)^2026-11-26T04:13:03,123 INFO");
        }
    }

    @Test
    void should_say_once_and_in_the_health_check_that_failed_is_not_a_directory_and_recover_when_fixed() throws Exception {
        Path failed = inbox.resolve(".failed");
        Path aside = workingDir.resolve("failed-aside");
        // the capture starts first: the inbox may poll (and log) right after .failed is put in the way
        try (LogCapture log = new LogCapture()) {
            Files.move(failed, aside);
            Files.writeString(failed, "in the way");
            Files.writeString(inbox.resolve("waiting.json"), "{\"data_types\":[\"metrics\"]}");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> health = service.get("/api/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(service.json(health).path("details")).anySatisfy(d -> {
                    assertThat(d.path("field").asText()).isEqualTo("inbox");
                    assertThat(d.path("problem").asText()).contains(".failed is not a directory");
                });
            });
            // several polls' worth of time (every 0.5 s, backing off after an error)
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(log.text().split("the inbox cannot take files", -1)).as(log.text()).hasSize(2);
            assertThat(log.text()).doesNotContain("\tat ");
            assertThat(inbox.resolve("waiting.json")).as("not touched while it cannot be moved").exists();
        } finally {
            Files.delete(failed);
            Files.move(aside, failed);
        }
        awaitMoved(".processed", "waiting.json");
    }

    @Test
    void should_report_a_stopped_inbox_or_schedule_route_in_the_health_check() throws Exception {
        var routes = service.server.camelContext().getRouteController();
        for (String[] route : new String[][]{{"export-inbox", "inbox"}, {"export-schedule-hourly", "schedules"}}) {
            routes.stopRoute(route[0]);
            try {
                HttpResponse<String> health = service.get("/api/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(service.json(health).path("details")).singleElement().satisfies(d ->
                        assertThat(d.path("field").asText()).isEqualTo(route[1]));
                assertThat(service.json(health).path("message").asText()).isEqualTo("not working: " + route[1]);
            } finally {
                routes.startRoute(route[0]);
            }
        }
    }

    // ---- helpers ----

    private static long total() throws IOException, InterruptedException {
        return service.json(service.get("/api/exports")).path("total").asLong();
    }

    /** The error body an inbox file was answered with, once it is in .failed/. */
    private static JsonNode errorOf(String name) throws Exception {
        awaitMoved(".failed", name);
        return service.mapper.readTree(inbox.resolve(".failed").resolve(name + ".error.json").toFile());
    }

    private static void awaitMoved(String destination, String name) {
        Path moved = inbox.resolve(destination).resolve(name);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(moved, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /** A preview of the slow data type sent on a socket of its own, which the test closes to go away. */
    private static Socket slowPreview() throws IOException {
        Socket client = new Socket("127.0.0.1", service.port);
        String body = "{\"data_types\":[\"slow\"],\"filters\":{\"message\":{\"contains\":\"never there\"}}}";
        OutputStream out = client.getOutputStream();
        out.write(("POST /api/exports/preview HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return client;
    }

    /** How many queries of the slow data type the embedded source is executing (seen from another session). */
    private static int slowQueries() throws SQLException {
        try (Connection c = DriverManager.getConnection(EmbeddedDatabases.sourceUrl(workingDir), EmbeddedDatabases.DEFAULT_USER,
                EmbeddedDatabases.DEFAULT_PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                     + "WHERE EXECUTING_STATEMENT LIKE '%SYSTEM_RANGE(1, 10000000)%' AND EXECUTING_STATEMENT NOT LIKE '%SESSIONS%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The export's files and their checksums. */
    private static Map<String, String> files(String exportId) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var list = Files.list(service.exportDir(exportId))) {
            for (Path f : list.toList()) {
                out.put(f.getFileName().toString(), Sha256.hex(f));
            }
        }
        return out;
    }
}
