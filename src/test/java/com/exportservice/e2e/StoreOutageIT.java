package com.exportservice.e2e;

import com.exportservice.engine.CheckpointSaves;
import com.exportservice.engine.ControlledProcessors;
import com.exportservice.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fault of the machine (contract section 11): the PostgreSQL state store drops every connection of the
 * service several times in the middle of an export (as a restart of the server does), then refuses new
 * ones for a few seconds. No batch is lost or written twice: the export waits for the store and
 * completes, or (told not to wait) fails cleanly and a retry continues from its checkpoints; either way
 * with every id once and manifest checksums that match.
 */
@Tag(TestPostgres.TAG)
class StoreOutageIT {
    @TempDir
    Path workingDir;
    private String database;

    @BeforeEach
    void createStore() throws SQLException {
        database = "exporter_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + database);
    }

    @AfterEach
    void dropStore() throws SQLException {
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void should_lose_and_duplicate_no_batch_when_the_store_drops_its_connections_and_refuses_new_ones_for_a_while() throws Exception {
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "20000",
                "exporter.store.url", TestPostgres.baseUrl() + database, "exporter.store.username", TestPostgres.USER,
                "exporter.store.password", TestPostgres.PASSWORD))) {
            // paced (0.3 ms a record, 12 s in all) so that every fault below comes while it runs, with several
            // batches between two checkpoint saves (every 500 ms): a failed save takes them all back
            ControlledProcessors.bindTo(service.server.camelContext()).pace(Duration.ofNanos(300_000));
            String id = service.startExport("{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\",\"batch_size\":40}");
            await().atMost(Duration.ofSeconds(30)).until(() -> processed(service, id) > 0);

            for (int i = 0; i < 5; i++) {
                long before = processed(service, id);
                // the service's connections cut (polled: right after a cut the pool may hold none for a moment)
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> terminateConnections() > 0);
                await().atMost(Duration.ofSeconds(30)).until(() -> processed(service, id) > before);
            }
            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            terminateConnections();
            long whileAway = processed(service, id);
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            assertThat(whileAway).as("the faults came in the middle of the export").isLessThan(40_000);

            JsonNode done = service.awaitFinished(id);

            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(done.path("processed_records").asLong()).isEqualTo(40_000).isEqualTo(done.path("total_records").asLong());
            ExactOutput.assertExactJsonl(service, service.exportDir(id), List.of("logs", "events"));
            assertThat(service.get("/api/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_fail_cleanly_when_the_store_stays_away_longer_than_it_is_waited_for_and_continue_exactly_on_retry() throws Exception {
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "20000",
                "exporter.store.url", TestPostgres.baseUrl() + database, "exporter.store.username", TestPostgres.USER,
                "exporter.store.password", TestPostgres.PASSWORD,
                "exporter.retry.store-max-redeliveries", "0",
                // a save per batch: a cut connection is then used again before the pool checks it (one idle for
                // 500 ms, as between two saves at the default interval, is checked and replaced, and the cut heals)
                CheckpointSaves.SETTING, "PT0.001S"))) {
            String id = service.startExport("{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\",\"batch_size\":40}");
            await().atMost(Duration.ofSeconds(30)).until(() -> processed(service, id) > 0);

            JsonNode failed = null;
            for (int i = 0; i < 20 && failed == null; i++) {
                terminateConnections();
                JsonNode status = service.json(service.get("/api/exports/" + id + "/status"));
                await().atMost(Duration.ofSeconds(5)).until(() -> processed(service, id) > status.path("processed_records").asLong()
                        || !service.json(service.get("/api/exports/" + id + "/status")).path("status").asText().equals("running"));
                JsonNode now = service.json(service.get("/api/exports/" + id + "/status"));
                failed = now.path("status").asText().equals("failed") ? now : null;
            }

            assertThat(failed).as("a cut connection ends the export when the store is not waited for").isNotNull();
            assertThat(failed.path("error_message").asText()).contains("state store").doesNotContain("\n").doesNotContain("Exception");
            assertThat(service.exportDir(id).resolve("logs.jsonl")).doesNotExist();
            assertThat(service.post("/api/exports/" + id + "/retry", "").statusCode()).isEqualTo(202);
            JsonNode done = service.awaitFinished(id);
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(done.path("processed_records").asLong()).isEqualTo(40_000);
            ExactOutput.assertExactJsonl(service, service.exportDir(id), List.of("logs", "events"));
        }
    }

    private static long processed(RunningService service, String id) throws Exception {
        return service.json(service.get("/api/exports/" + id + "/status")).path("processed_records").asLong();
    }

    /** Cuts every connection to the store database, as a server restart does; returns how many. */
    private int terminateConnections() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", TestPostgres.USER, TestPostgres.PASSWORD);
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + database + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", TestPostgres.USER, TestPostgres.PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
