package com.exportservice.security;

import com.exportservice.config.ConfigException;
import com.exportservice.e2e.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded databases stay private (contract section 11): no TCP server, {@code data/} readable by the
 * service's user only, and a second process (the one-shot command while the service runs) told why it
 * cannot share them. Database passwords stay out of start-up errors.
 */
class PrivateDataIT {
    @TempDir
    Path workingDir;

    @Test
    void should_keep_the_embedded_databases_to_the_service_user_and_tell_the_one_shot_command_why_it_must_wait() throws Exception {
        // an older version left data/ readable by everyone
        Files.createDirectories(workingDir.resolve("data"));
        Files.setPosixFilePermissions(workingDir.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));

        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "200"))) {
            Path data = workingDir.resolve("data");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(data)) {
                List<Path> all = files.toList();
                assertThat(all).extracting(p -> p.getFileName().toString()).contains("source.mv.db", "state.mv.db")
                        .noneMatch(n -> n.endsWith(".lock.db"));
                assertThat(all).allSatisfy(f ->
                        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------"));
            }

            Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Path.of("target/export-service.jar").toAbsolutePath().toString(), "export", "--data-types", "logs")
                    .directory(workingDir.toFile()).start();
            assertThat(command.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = new String(command.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            String out = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(command.exitValue()).as(err).isEqualTo(2);
            assertThat(out).isEmpty();
            assertThat(err).contains("is in use by another process", "stop the service", "POST /api/exports")
                    .doesNotContain("Exception");
            assertThat(service.get("/api/health").statusCode()).as("the service is unharmed").isEqualTo(200);
        }
    }

    @Test
    void should_not_show_a_database_password_when_the_connection_fails() {
        assertThatThrownBy(() -> RunningService.start(workingDir, Map.of(
                "exporter.source.url", "jdbc:postgresql://127.0.0.1:1/nodb?user=exporter&password=Url-Secret-4711",
                "exporter.source.password", "Property-Secret-0815")))
                .satisfies(e -> {
                    ConfigException config = ConfigException.in(e);
                    assertThat(config).isNotNull();
                    assertThat(config.getMessage()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/nodb?user=exporter&password=***")
                            .doesNotContain("Url-Secret-4711").doesNotContain("Property-Secret-0815");
                    assertThat(config.getCause()).isNull();
                });
    }
}
