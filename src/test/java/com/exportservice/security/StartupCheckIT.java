package com.exportservice.security;

import com.exportservice.config.ConfigException;
import com.exportservice.e2e.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up check (contract section 11): every interface only with tokens or an explicit opt-in. */
class StartupCheckIT {
    @TempDir
    Path workingDir;

    @Test
    void should_refuse_to_start_on_every_interface_without_tokens_and_say_how_to_fix_it() throws Exception {
        int port = RunningService.freePort();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dexporter.http.host=0.0.0.0", "-Dexporter.http.port=" + port,
                "-jar", Path.of("target/export-service.jar").toAbsolutePath().toString())
                .directory(workingDir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the service stops by itself").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("export-service cannot start: exporter.http.host=0.0.0.0 is reachable from other machines")
                .contains("token create --name admin --role operator")
                .contains("exporter.security.allow-anonymous=true")
                .doesNotContain("Exception");
        assertThat(workingDir.resolve("data")).as("refused before any database was touched").doesNotExist();
        try (ServerSocket free = new ServerSocket(port)) {
            assertThat(free.getLocalPort()).as("the port was never taken").isEqualTo(port);
        }
    }

    @Test
    void should_serve_every_interface_with_tokens_and_ask_for_one() throws Exception {
        String token = Tokens.create(workingDir, "admin", "operator", null);

        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.http.host", "0.0.0.0", "exporter.demo.rows", "100"))) {
            assertThat(Http.send(service.port, "GET", "/api/exports", null).statusCode()).isEqualTo(401);
            HttpResponse<String> r = Http.send(service.port, "GET", "/api/exports", null, Http.bearer(token));
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_serve_every_interface_without_tokens_only_when_asked_to_and_still_check_the_host() throws Exception {
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.http.host", "0.0.0.0",
                "exporter.security.allow-anonymous", "true", "exporter.demo.rows", "100"))) {
            assertThat(Http.send(service.port, "GET", "/api/exports", null).statusCode()).isEqualTo(200);
            String foreign = Http.raw(service.port, "GET /api/exports HTTP/1.1\r\nHost: box.example\r\nConnection: close\r\n\r\n");
            assertThat(foreign.lines().findFirst().orElse("")).contains(" 403 ");
        }
    }

    @Test
    void should_not_start_with_a_tokens_file_it_cannot_read() throws Exception {
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/tokens.yaml"), "tokens:\n  - { name: ci, role: operator }\n");

        assertThatThrownBy(() -> RunningService.start(workingDir, Map.of()))
                .satisfies(e -> assertThat(ConfigException.in(e)).isNotNull()
                        .hasMessageContaining("config/tokens.yaml: tokens[0].sha256"));
    }
}
