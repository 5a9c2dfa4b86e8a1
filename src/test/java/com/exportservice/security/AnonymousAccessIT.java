package com.exportservice.security;

import com.exportservice.e2e.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service without tokens on the loopback address (the default): anyone on this machine may use it,
 * but no web page elsewhere: cross-site requests and DNS rebinding (a foreign Host) are refused before
 * they do anything.
 */
class AnonymousAccessIT {
    @TempDir
    static Path workingDir;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "200", "exporter.http.allowed-hosts", "exports.internal"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void should_answer_localhost_loopback_addresses_and_listed_hosts_whatever_the_port() throws Exception {
        for (String host : new String[]{"localhost:" + service.port, "127.0.0.1", "127.0.0.1:" + service.port, "[::1]:" + service.port,
                "exports.internal", "EXPORTS.internal:9999"}) {
            assertThat(statusLine(get("/api/exports", host))).as(host).contains(" 200 ");
        }
    }

    @Test
    void should_refuse_any_other_host_on_every_path_as_dns_rebinding() throws Exception {
        for (String path : new String[]{"/api/exports", "/", "/ui/app.js", "/api/health", "/nothing"}) {
            String answer = get(path, "evil.example:" + service.port);
            assertThat(statusLine(answer)).as(path).contains(" 403 ");
            assertThat(answer).contains("\"error\":\"forbidden\"").containsIgnoringCase("X-Content-Type-Options: nosniff");
        }
        assertThat(statusLine(get("/api/exports", "127.0.0.1.evil.example"))).contains(" 403 ");
        assertThat(statusLine(Http.raw(service.port, "GET /api/exports HTTP/1.0\r\n\r\n"))).as("no Host at all").contains(" 403 ");
    }

    @Test
    void should_refuse_a_rebound_page_posting_to_its_own_origin() throws Exception {
        long before = total();
        String body = "{\"data_types\":[\"logs\"]}";

        String answer = Http.raw(service.port, "POST /api/exports HTTP/1.1\r\nHost: evil.example:" + service.port + "\r\n"
                + "Origin: http://evil.example:" + service.port + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(statusLine(answer)).contains(" 403 ");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void should_refuse_cross_site_posts_of_any_content_type_before_they_start_anything() throws Exception {
        long before = total();
        for (String type : new String[]{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json"}) {
            HttpResponse<String> r = Http.send(service.port, "POST", "/api/exports", "{\"data_types\":[\"logs\"]}",
                    "Content-Type", type, "Origin", "https://attacker.example");
            assertThat(r.statusCode()).as(type).isEqualTo(403);
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        }
        HttpResponse<String> sandboxed = Http.send(service.port, "POST", "/api/exports/x/cancel", "", "Origin", "null");
        assertThat(sandboxed.statusCode()).isEqualTo(403);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void should_let_this_machines_clients_in_as_the_anonymous_operator() throws Exception {
        HttpResponse<String> r = Http.send(service.port, "POST", "/api/exports", "{\"data_types\":[\"metrics\"]}",
                "Origin", "http://127.0.0.1:" + service.port);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(service.json(r).path("requested_by").asText()).isEqualTo("anonymous");
        HttpResponse<String> me = Http.send(service.port, "GET", "/api/session", null);
        assertThat(service.json(me).path("tokens_required").asBoolean()).isFalse();
        assertThat(service.json(me).path("role").asText()).isEqualTo("operator");
    }

    private static String get(String path, String host) throws IOException {
        return Http.raw(service.port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    private static String statusLine(String answer) {
        return answer.lines().findFirst().orElse("");
    }

    private static long total() throws IOException {
        return service.json(Http.send(service.port, "GET", "/api/exports", null)).path("total").asLong();
    }
}
