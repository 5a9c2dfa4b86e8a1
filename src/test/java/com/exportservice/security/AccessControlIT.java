package com.exportservice.security;

import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access control of a service with API tokens (contract section 11), end to end: every /api route for
 * every kind of caller, refused requests that change nothing, sessions of the web UI, revocation without
 * a restart, cross-site requests, the headers of every kind of answer, and a log without tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessControlIT {
    @TempDir
    static Path workingDir;
    static LogCapture log;
    static RunningService service;
    static Map<String, String> tokens = new LinkedHashMap<>();
    static String logsExport;
    static String metricsExport;

    /** The callers of the matrix; the token is null for "no token". */
    enum Who { NO_TOKEN, UNKNOWN_TOKEN, VIEWER, OPERATOR, METRICS_OPERATOR }

    @BeforeAll
    static void start() throws Exception {
        log = new LogCapture();
        tokens.put("viewer", Tokens.create(workingDir, "alice-viewer", "viewer", null));
        tokens.put("operator", Tokens.create(workingDir, "bob-operator", "operator", null));
        tokens.put("metrics", Tokens.create(workingDir, "carol-metrics", "operator", "metrics"));
        Files.writeString(workingDir.resolve("config/schedules.yaml"), """
                schedules:
                  - { id: yearly-metrics, cron: "0 0 2 1 1 ? 2099", export: { data_types: [metrics] } }
                  - { id: yearly-logs, cron: "0 0 2 1 1 ? 2099", export: { data_types: [logs, metrics] } }
                """);
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "300"));
        logsExport = startAndFinish(tokens.get("operator"), "{\"data_types\":[\"logs\"],\"output_format\":\"jsonl\"}");
        metricsExport = startAndFinish(tokens.get("metrics"), "{\"data_types\":[\"metrics\"],\"output_format\":\"csv\"}");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (log != null) {
            log.close();
        }
    }

    static String token(Who who) {
        return switch (who) {
            case NO_TOKEN -> null;
            case UNKNOWN_TOKEN -> TokenHashes.newToken();
            case VIEWER -> tokens.get("viewer");
            case OPERATOR -> tokens.get("operator");
            case METRICS_OPERATOR -> tokens.get("metrics");
        };
    }

    /** One route of the API with the status each caller gets (in the order of {@link Who}). */
    record Row(String method, String path, String body, int... expected) {
        int expected(Who who) {
            return expected[who.ordinal()];
        }
    }

    static List<Row> matrix() {
        String logs = "/api/exports/" + logsExport;
        String metrics = "/api/exports/" + metricsExport;
        String logsRequest = "{\"data_types\":[\"logs\"],\"output_format\":\"csv\"}";
        String metricsRequest = "{\"data_types\":[\"metrics\"],\"output_format\":\"csv\"}";
        return List.of(
                //                                                   none unknown viewer operator metrics-only
                new Row("POST", "/api/exports", logsRequest, 401, 401, 403, 202, 403),
                new Row("POST", "/api/exports", metricsRequest, 401, 401, 403, 202, 202),
                new Row("POST", "/api/exports", "{\"data_types\":[\"metrics\",\"logs\"]}", 401, 401, 403, 202, 403),
                new Row("POST", "/api/exports/preview", logsRequest, 401, 401, 403, 200, 403),
                new Row("POST", "/api/exports/preview", metricsRequest, 401, 401, 403, 200, 200),
                new Row("GET", "/api/exports", null, 401, 401, 200, 200, 200),
                new Row("GET", "/api/exports?status=completed&limit=5", null, 401, 401, 200, 200, 200),
                new Row("GET", logs, null, 401, 401, 200, 200, 403),
                new Row("GET", logs + "/status", null, 401, 401, 200, 200, 403),
                new Row("GET", logs + "/validation", null, 401, 401, 200, 200, 403),
                new Row("GET", logs + "/attempts", null, 401, 401, 200, 200, 403),
                new Row("GET", "/api/exports?q=exp", null, 401, 401, 200, 200, 200),
                new Row("POST", "/api/exports/preview?id=1", logsRequest, 401, 401, 403, 200, 403),
                new Row("GET", "/favicon.ico", null, 200, 200, 200, 200, 200),
                new Row("GET", logs + "/files/logs.jsonl", null, 401, 401, 200, 200, 403),
                new Row("GET", logs + "/files/manifest.json", null, 401, 401, 200, 200, 403),
                new Row("GET", logs + "/download", null, 401, 401, 200, 200, 403),
                new Row("POST", logs + "/cancel", "", 401, 401, 403, 409, 403),
                new Row("POST", logs + "/retry", "", 401, 401, 403, 409, 403),
                new Row("GET", metrics, null, 401, 401, 200, 200, 200),
                new Row("GET", metrics + "/files/metrics.csv", null, 401, 401, 200, 200, 200),
                new Row("POST", metrics + "/cancel", "", 401, 401, 403, 409, 409),
                new Row("GET", "/api/exports/exp-unknown", null, 401, 401, 404, 404, 404),
                new Row("GET", "/api/data-types", null, 401, 401, 200, 200, 200),
                new Row("GET", "/api/schedules", null, 401, 401, 200, 200, 200),
                new Row("GET", "/api/session", null, 401, 401, 200, 200, 200),
                new Row("GET", "/api/openapi.json", null, 401, 401, 200, 200, 200),
                new Row("GET", "/api/health", null, 200, 200, 200, 200, 200),
                new Row("GET", "/api/no-such-route", null, 401, 401, 404, 404, 404),
                new Row("DELETE", "/api/exports", null, 401, 401, 403, 405, 405),
                new Row("GET", "/observe/metrics", null, 401, 401, 200, 200, 403),
                new Row("GET", "/observe/health/ready", null, 401, 401, 200, 200, 403),
                new Row("GET", "/config/application.properties", null, 401, 401, 404, 404, 404));
    }

    @Test
    @Order(1)
    void should_refuse_every_caller_what_its_token_does_not_cover_and_change_nothing() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Row row : matrix()) {
            for (Who who : Who.values()) {
                int expected = row.expected(who);
                if (expected != 401 && expected != 403) {
                    continue;
                }
                long before = total();
                Set<String> dirsBefore = exportDirectories();
                String statusBefore = service.json(service.get("/api/exports/" + logsExport + "/status")).path("status").asText();

                HttpResponse<String> r = Http.send(service.port, row.method(), row.path(), row.body(), Http.bearer(token(who)));

                if (r.statusCode() != expected) {
                    failures.add(who + " " + row.method() + " " + row.path() + ": expected " + expected + ", got " + r.statusCode() + " " + r.body());
                    continue;
                }
                JsonNode body = service.json(r);
                assertThat(body.path("error").asText()).as(who + " " + row.path()).isEqualTo(expected == 401 ? "unauthorized" : "forbidden");
                assertThat(body.path("message").asText()).isNotBlank();
                if (expected == 401) {
                    assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
                }
                assertThat(total()).as("history count after a refused " + row.method() + " " + row.path()).isEqualTo(before);
                assertThat(exportDirectories()).as("export directories after a refused request").isEqualTo(dirsBefore);
                assertThat(service.json(service.get("/api/exports/" + logsExport + "/status")).path("status").asText()).isEqualTo(statusBefore);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(2)
    void should_answer_every_caller_what_its_token_covers() {
        List<String> failures = new ArrayList<>();
        for (Row row : matrix()) {
            for (Who who : Who.values()) {
                int expected = row.expected(who);
                if (expected == 401 || expected == 403) {
                    continue;
                }
                HttpResponse<String> r = Http.send(service.port, row.method(), row.path(), row.body(), Http.bearer(token(who)));
                if (r.statusCode() != expected) {
                    failures.add(who + " " + row.method() + " " + row.path() + ": expected " + expected + ", got " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(3)
    void should_show_a_token_limited_to_data_types_only_its_exports_types_and_schedules() throws Exception {
        JsonNode list = json(Http.send(service.port, "GET", "/api/exports?limit=500", null, Http.bearer(tokens.get("metrics"))));
        JsonNode all = json(Http.send(service.port, "GET", "/api/exports?limit=500", null, Http.bearer(tokens.get("viewer"))));

        assertThat(list.path("exports")).isNotEmpty().allSatisfy(e -> assertThat(e.path("progress").size()).isEqualTo(1))
                .allSatisfy(e -> assertThat(e.path("progress").has("metrics")).isTrue());
        assertThat(list.path("total").asLong()).isEqualTo(list.path("exports").size()).isLessThan(all.path("total").asLong());
        assertThat(all.path("exports").findValuesAsText("export_id")).contains(logsExport, metricsExport);
        JsonNode types = json(Http.send(service.port, "GET", "/api/data-types", null, Http.bearer(tokens.get("metrics"))));
        JsonNode schedules = json(Http.send(service.port, "GET", "/api/schedules", null, Http.bearer(tokens.get("metrics"))));
        assertThat(schedules.path("schedules").findValuesAsText("id")).containsExactly("yearly-metrics");
        JsonNode allSchedules = json(Http.send(service.port, "GET", "/api/schedules", null, Http.bearer(tokens.get("viewer"))));
        assertThat(allSchedules.path("schedules").findValuesAsText("id")).containsExactly("yearly-metrics", "yearly-logs");
        assertThat(types.path("data_types")).hasSize(1);
        assertThat(types.path("data_types").get(0).path("name").asText()).isEqualTo("metrics");
    }

    @Test
    @Order(4)
    void should_record_who_asked_for_each_export() throws Exception {
        JsonNode details = json(Http.send(service.port, "GET", "/api/exports/" + logsExport, null, Http.bearer(tokens.get("viewer"))));
        assertThat(details.path("requested_by").asText()).isEqualTo("bob-operator");
        JsonNode status = json(Http.send(service.port, "GET", "/api/exports/" + metricsExport + "/status", null,
                Http.bearer(tokens.get("metrics"))));
        assertThat(status.path("requested_by").asText()).isEqualTo("carol-metrics");
        assertThat(log.text()).contains("export " + metricsExport + " requested by carol-metrics (trigger http)")
                .contains("\"data_types\":[\"metrics\"]");
    }

    @Test
    @Order(5)
    void should_answer_health_without_a_token_but_only_with_the_status() throws Exception {
        HttpResponse<String> r = Http.send(service.port, "GET", "/api/health", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    @Order(6)
    void should_sign_a_browser_in_with_a_session_cookie_and_out_again() throws Exception {
        HttpResponse<String> refused = Http.send(service.port, "POST", "/api/session", "{\"token\":\"exs_wrong\"}",
                "Content-Type", "application/json");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> in = Http.send(service.port, "POST", "/api/session", "{\"token\":\"" + tokens.get("viewer") + "\"}",
                "Content-Type", "application/json");
        assertThat(in.statusCode()).isEqualTo(200);
        assertThat(json(in).path("name").asText()).isEqualTo("alice-viewer");
        assertThat(json(in).path("role").asText()).isEqualTo("viewer");
        assertThat(in.body()).doesNotContain(tokens.get("viewer"));
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(AccessGate.SESSION_COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure").doesNotContain(tokens.get("viewer"));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(Http.send(service.port, "GET", "/api/exports", null, "Cookie", cookie).statusCode()).isEqualTo(200);
        assertThat(Http.send(service.port, "GET", "/api/exports/" + logsExport + "/download", null, "Cookie", cookie).statusCode())
                .isEqualTo(200);
        assertThat(Http.send(service.port, "POST", "/api/exports", "{\"data_types\":[\"logs\"]}", "Cookie", cookie).statusCode())
                .as("a viewer's session may not start exports").isEqualTo(403);

        HttpResponse<String> out = Http.send(service.port, "DELETE", "/api/session", null, "Cookie", cookie);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElse("")).contains("Max-Age=0");
        assertThat(Http.send(service.port, "GET", "/api/exports", null, "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(7)
    void should_mark_the_cookie_secure_behind_a_tls_proxy() {
        HttpResponse<String> in = Http.send(service.port, "POST", "/api/session", "{\"token\":\"" + tokens.get("viewer") + "\"}",
                "Content-Type", "application/json", "X-Forwarded-Proto", "https");

        assertThat(in.headers().firstValue("Set-Cookie").orElse("")).contains("; Secure");
    }

    @Test
    @Order(8)
    void should_refuse_a_cross_site_post_before_it_does_anything() throws Exception {
        long before = total();

        HttpResponse<String> r = Http.send(service.port, "POST", "/api/exports", "{\"data_types\":[\"logs\"]}",
                "Content-Type", "text/plain", "Origin", "http://evil.example", "Authorization", "Bearer " + tokens.get("operator"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("error").asText()).isEqualTo("forbidden");
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        assertThat(total()).isEqualTo(before);
        HttpResponse<String> sameSite = Http.send(service.port, "POST", "/api/exports/preview", "{\"data_types\":[\"metrics\"]}",
                "Origin", "http://127.0.0.1:" + service.port, "Authorization", "Bearer " + tokens.get("operator"));
        assertThat(sameSite.statusCode()).isEqualTo(200);
        assertThat(sameSite.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    @Order(9)
    void should_send_the_security_headers_on_every_kind_of_answer() {
        String op = tokens.get("operator");
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("ui", Http.send(service.port, "GET", "/", null));
        answers.put("script", Http.send(service.port, "GET", "/ui/app.js", null));
        answers.put("api", Http.send(service.port, "GET", "/api/exports", null, Http.bearer(op)));
        answers.put("file", Http.send(service.port, "GET", "/api/exports/" + metricsExport + "/files/metrics.csv", null, Http.bearer(op)));
        answers.put("download", Http.send(service.port, "GET", "/api/exports/" + metricsExport + "/download", null, Http.bearer(op)));
        answers.put("401", Http.send(service.port, "GET", "/api/exports", null));
        answers.put("404", Http.send(service.port, "GET", "/nothing/here", null, Http.bearer(op)));
        answers.put("405", Http.send(service.port, "PUT", "/api/exports", "{}", Http.bearer(op)));
        answers.put("400", Http.send(service.port, "POST", "/api/exports", "{", Http.bearer(op)));

        answers.forEach((what, r) -> {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).contains("no-referrer");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(what).contains("frame-ancestors 'none'");
        });
        assertThat(answers.get("ui").headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'").doesNotContain("unsafe-inline");
        for (String api : List.of("api", "file", "download", "401", "400")) {
            assertThat(answers.get(api).headers().firstValue("Cache-Control")).as(api).contains("no-store");
        }
        assertThat(answers.get("file").statusCode()).isEqualTo(200);
        assertThat(answers.get("405").statusCode()).isEqualTo(405);
    }

    @Test
    @Order(10)
    void should_stop_accepting_a_token_deleted_from_the_file_without_a_restart() throws Exception {
        String token = Tokens.create(workingDir, "temp-script", "viewer", null);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Http.send(service.port, "GET", "/api/exports", null, Http.bearer(token)).statusCode() == 200);
        HttpResponse<String> in = Http.send(service.port, "POST", "/api/session", "{\"token\":\"" + token + "\"}");
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        // the operator deletes the entry with an editor: the file is rewritten in place
        Path file = workingDir.resolve("config/tokens.yaml");
        String text = Files.readString(file);
        int start = text.indexOf("  - name: \"temp-script\"");
        int end = text.indexOf("  - name:", start + 1);
        Files.writeString(file, text.substring(0, start) + (end < 0 ? "" : text.substring(end)));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                Http.send(service.port, "GET", "/api/exports", null, Http.bearer(token)).statusCode() == 401);
        assertThat(Http.send(service.port, "GET", "/api/exports", null, "Cookie", cookie).statusCode())
                .as("its sessions end with it").isEqualTo(401);
        assertThat(Http.send(service.port, "GET", "/api/exports", null, Http.bearer(tokens.get("viewer"))).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void should_never_write_a_token_to_the_log() {
        String text = log.text();

        assertThat(text).contains("requested by bob-operator").contains("refused");
        for (String token : tokens.values()) {
            assertThat(text).doesNotContain(token).doesNotContain(token.substring(TokenHashes.PREFIX.length()));
        }
    }

    private static String startAndFinish(String token, String request) throws Exception {
        HttpResponse<String> r = Http.send(service.port, "POST", "/api/exports", request, Http.bearer(token));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = service.json(r).path("export_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json(Http.send(service.port, "GET", "/api/exports/" + id + "/status", null, Http.bearer(token)))
                        .path("status").asText().equals("completed"));
        return id;
    }

    private static long total() throws IOException {
        return json(Http.send(service.port, "GET", "/api/exports", null, Http.bearer(tokens.get("operator")))).path("total").asLong();
    }

    private static Set<String> exportDirectories() throws IOException {
        Path root = workingDir.resolve("exports");
        if (!Files.isDirectory(root)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return service.mapper.readTree(r.body());
    }
}
