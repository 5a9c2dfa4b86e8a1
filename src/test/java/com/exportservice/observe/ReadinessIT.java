package com.exportservice.observe;

import com.exportservice.testsupport.TestPostgres;
import com.exportservice.e2e.RunningService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows the state store: a PostgreSQL store that stops taking connections makes
 * /observe/health/ready DOWN (503) while liveness stays UP, and ready again once the store is back.
 */
@Tag(TestPostgres.TAG)
class ReadinessIT {

    @TempDir
    Path workingDir;

    @Test
    void should_be_unready_but_alive_while_the_store_is_unreachable() throws Exception {
        String db = "exp_ready_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pg("CREATE DATABASE " + db);
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "100",
                "exporter.store.url", TestPostgres.baseUrl() + db, "exporter.store.username", "postgres"))) {
            assertThat(service.get("/observe/health/ready").statusCode()).isEqualTo(200);

            // the store goes away: no new connections, the open ones cut
            pg("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
            pg("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");

            HttpResponse<String>[] ready = new HttpResponse[1];
            await().atMost(Duration.ofSeconds(120)).until(() -> (ready[0] = service.get("/observe/health/ready")).statusCode() == 503);
            assertThat(service.json(ready[0]).path("status").asText()).isEqualTo("DOWN");
            assertThat(ready[0].body()).contains("store").doesNotContain("postgres");
            assertThat(service.get("/observe/health/live").statusCode()).isEqualTo(200);

            // and comes back
            pg("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
            await().atMost(Duration.ofSeconds(120)).until(() -> service.get("/observe/health/ready").statusCode() == 200);
        } finally {
            pg("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
            pg("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static void pg(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
