package com.exportservice.status;

import com.exportservice.testsupport.TestPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state store written by the version before access control (no {@code requested_by} column) is taken
 * up by this one, on embedded H2 and on PostgreSQL: the columns are added, old exports get who asked for
 * them from their trigger and one attempt, and the history can be narrowed to a token's data types.
 */
@Tag(TestPostgres.TAG)
class StateStoreMigrationIT {

    @TempDir
    Path dir;

    @Test
    void should_take_up_an_older_h2_store() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("state").toAbsolutePath());
        ds.setUser("sa");
        checkMigration(ds);
    }

    @Test
    void should_take_up_an_older_postgresql_store() throws Exception {
        String db = "exp_migrate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pg("CREATE DATABASE " + db);
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(TestPostgres.baseUrl() + db);
            ds.setUser("postgres");
            checkMigration(ds);
        } finally {
            pg("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private void checkMigration(DataSource ds) throws Exception {
        // given: the tables as the previous version created them, with an export of each trigger
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE export_runs (export_id VARCHAR(64) PRIMARY KEY, name VARCHAR(200), "
                    + "trigger_type VARCHAR(16) NOT NULL, schedule_id VARCHAR(200), config_json VARCHAR(2000000) NOT NULL, "
                    + "directory VARCHAR(4000) NOT NULL, created_ms BIGINT NOT NULL, status VARCHAR(16) NOT NULL, "
                    + "start_ms BIGINT, end_ms BIGINT, error_message VARCHAR(4000))");
            s.execute("CREATE TABLE export_data_types (export_id VARCHAR(64) NOT NULL, data_type VARCHAR(64) NOT NULL, "
                    + "position INT NOT NULL, start_after_key VARCHAR(1000), status VARCHAR(16) NOT NULL, planned BOOLEAN NOT NULL, total_records BIGINT NOT NULL, "
                    + "total_batches BIGINT NOT NULL, high_water_mark VARCHAR(1000), last_key VARCHAR(1000), records BIGINT NOT NULL, "
                    + "invalid_records BIGINT NOT NULL, skipped_records BIGINT NOT NULL, processed_records BIGINT NOT NULL, "
                    + "batches BIGINT NOT NULL, bytes BIGINT NOT NULL, file_name VARCHAR(200), sha256 VARCHAR(64), "
                    + "validation_json VARCHAR(2000000), PRIMARY KEY (export_id, data_type))");
            Map<String, String> triggers = Map.of("exp-a", "http", "exp-b", "file", "exp-c", "cli", "exp-d", "schedule");
            long t = 1_000;
            for (var e : new java.util.TreeMap<>(triggers).entrySet()) {
                s.execute("INSERT INTO export_runs VALUES ('" + e.getKey() + "', NULL, '" + e.getValue() + "', "
                        + (e.getValue().equals("schedule") ? "'nightly'" : "NULL") + ", '{}', '/tmp/" + e.getKey() + "', " + (t++)
                        + ", 'completed', NULL, NULL, NULL)");
                String type = e.getKey().equals("exp-a") ? "logs" : "metrics";
                s.execute("INSERT INTO export_data_types VALUES ('" + e.getKey() + "', '" + type + "', 0, NULL, 'completed', TRUE, "
                        + "0, 0, NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL)");
            }
        }

        // when: this version opens it (twice: every start does)
        StateStore store = new StateStore(ds);
        store.init();
        store.init();
        StatusTracker tracker = new StatusTracker(store, Clock.systemUTC(), 2, 10);
        String created = tracker.create(List.of("logs", "metrics"), null, "{}", "http", null, "ci-token", dir, Map.of()).exportId();

        // then
        Map<String, String> requestedBy = new java.util.HashMap<>();
        tracker.list(null, 10, 0).forEach(s -> requestedBy.put(s.exportId(), s.requestedBy()));
        assertThat(requestedBy).containsEntry("exp-a", "anonymous").containsEntry("exp-b", "inbox").containsEntry("exp-c", "cli")
                .containsEntry("exp-d", "schedule:nightly").containsEntry(created, "ci-token");
        assertThat(new StatusTracker(store, Clock.systemUTC(), 2, 10).status(created).summary().requestedBy()).isEqualTo("ci-token");
        assertThat(tracker.list(null, Set.of("metrics"), 10, 0)).extracting(ExportStatus::exportId)
                .containsExactly("exp-d", "exp-c", "exp-b");
        assertThat(tracker.count(null, Set.of("metrics"))).isEqualTo(3);
        assertThat(tracker.list(null, Set.of("logs", "metrics"), 10, 0)).hasSize(5);
        assertThat(tracker.count(ExportState.COMPLETED, Set.of("logs"))).isEqualTo(1);
        assertThat(tracker.count(null, Set.of())).isZero();
        // attempts: the older exports were tried once; a retry is counted and kept
        assertThat(tracker.status("exp-a").attempts()).isEqualTo(1);
        tracker.start(created);
        tracker.failed(created, "boom");
        tracker.requestRetry(created);
        assertThat(new StatusTracker(store, Clock.systemUTC(), 2, 10).status(created).attempts()).isEqualTo(2);
    }

    private static void pg(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
