package com.exportservice.security;

import com.exportservice.testsupport.TestPostgres;
import com.exportservice.e2e.RunningService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The log of a whole run (contract section 11, "secrets"): tokens created, a state store in PostgreSQL
 * whose URL and settings carry passwords, a browser session, scripts with good and bad tokens, an export,
 * a download, a revocation, and a start that fails to connect. Neither a token, a session id nor a
 * password appears in the log, the answers, the manifest or an error message.
 */
@Tag(TestPostgres.TAG)
class NoSecretsInLogIT {
    private static final String URL_PASSWORD = "Url-Pw-93f1c2";
    private static final String SETTING_PASSWORD = "Setting-Pw-5b7e0a";

    @TempDir
    Path workingDir;

    @Test
    void should_keep_every_token_and_password_out_of_the_log_of_a_whole_run() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(URL_PASSWORD, SETTING_PASSWORD));
        List<String> answers = new ArrayList<>();
        String db = "exp_secrets_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pg("CREATE DATABASE " + db);
        try (LogCapture log = new LogCapture()) {
            String operator = Tokens.create(workingDir, "ops", "operator", null);
            String viewer = Tokens.create(workingDir, "watcher", "viewer", null);
            secrets.add(operator);
            secrets.add(viewer);
            Map<String, String> settings = Map.of(
                    "exporter.store.url", TestPostgres.baseUrl() + db + "?user=postgres&password=" + URL_PASSWORD,
                    "exporter.store.password", SETTING_PASSWORD,
                    "exporter.demo.rows", "300");
            try (RunningService service = RunningService.start(workingDir, settings)) {
                HttpResponse<String> signIn = Http.send(service.port, "POST", "/api/session", "{\"token\":\"" + operator + "\"}");
                String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                secrets.add(cookie.substring(cookie.indexOf('=') + 1));
                answers.add(signIn.body());
                HttpResponse<String> created = Http.send(service.port, "POST", "/api/exports", "{\"data_types\":[\"logs\"]}", "Cookie", cookie);
                String id = service.json(created).path("export_id").asText();
                await().atMost(Duration.ofSeconds(60)).until(() -> service.json(Http.send(service.port, "GET",
                        "/api/exports/" + id + "/status", null, Http.bearer(viewer))).path("status").asText().equals("completed"));
                answers.add(Http.send(service.port, "GET", "/api/exports/" + id, null, Http.bearer(viewer)).body());
                answers.add(Http.send(service.port, "GET", "/api/exports/" + id + "/download", null, Http.bearer(viewer)).body());
                answers.add(Http.send(service.port, "GET", "/api/exports", null, Http.bearer(operator + "x")).body());
                answers.add(Http.send(service.port, "GET", "/api/health", null, Http.bearer(viewer)).body());
                answers.add(Http.send(service.port, "POST", "/api/session", "{\"token\":\"" + viewer + "typo\"}").body());
                answers.add(Files.readString(service.exportDir(id).resolve("manifest.json")));
                TokenCommand.run(new String[]{"revoke", "--name", "watcher"}, System.out, System.err, workingDir, Map.of());
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        Http.send(service.port, "GET", "/api/exports", null, Http.bearer(viewer)).statusCode() == 401);
                Http.send(service.port, "DELETE", "/api/session", null, "Cookie", cookie);
            }
            assertThatThrownBy(() -> RunningService.start(workingDir, Map.of(
                    "exporter.source.url", "jdbc:postgresql://127.0.0.1:1/nowhere?user=x&password=" + URL_PASSWORD,
                    "exporter.source.password", SETTING_PASSWORD)))
                    .satisfies(e -> answers.add(String.valueOf(e.getMessage()) + " " + e.getCause()));

            String text = log.text();
            assertThat(text).contains("requested by ops (trigger http)", "'ops' signed in", "sign-in refused", "refused GET /api/exports");
            assertThat(answers).anyMatch(a -> a.contains("cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere?user=x&password=***"));
            for (String secret : secrets) {
                assertThat(text).as("the log").doesNotContain(secret);
                assertThat(answers).as("answers, manifest and errors").noneMatch(a -> a.contains(secret));
            }
        } finally {
            pg("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static void pg(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
