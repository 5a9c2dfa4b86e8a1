package com.exportservice.status;

import com.exportservice.testsupport.InMemoryH2;
import com.exportservice.testsupport.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The status bean never leaves an export stuck: a failure is recorded whatever its message, also when the
 * data types' rows cannot be saved; a start that cannot be recorded leaves the export pending; an export
 * during whose last two runs the process died is not resumed a third time; finished exports expire.
 * On a real (in-memory H2) store, each "restart" a new tracker on the same store.
 */
class FailureContainmentTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:13:03.123Z"));
    private JdbcDataSource ds;
    private StateStore store;
    private StatusTracker tracker;

    @BeforeEach
    void setUp() throws Exception {
        ds = InMemoryH2.dataSource();
        store = new StateStore(ds);
        store.init();
        tracker = restart();
    }

    @Test
    void should_record_a_failure_whose_message_is_far_larger_than_the_store_holds() {
        String id = started();
        String sql = "SELECT * FROM logs WHERE id IN (" + "12345, ".repeat(60_000) + "1)\nmore";

        tracker.failed(id, "batch failed: " + sql);

        ExportStatus stored = restart().status(id);
        assertThat(stored.status()).isEqualTo("failed");
        assertThat(stored.errorMessage()).startsWith("batch failed: SELECT * FROM logs").endsWith("…").doesNotContain("\n")
                .hasSizeLessThanOrEqualTo(StatusTracker.MAX_ERROR_MESSAGE);
        assertThat(restart().recoverUnfinished()).isEmpty();
    }

    @Test
    void should_end_an_export_failed_even_when_its_data_types_cannot_be_saved() throws Exception {
        String id = started();
        sql("ALTER TABLE export_data_types ADD CONSTRAINT refuse_failed CHECK (status <> 'failed')");

        tracker.failed(id, "the source went away");

        ExportStatus stored = restart().status(id);
        assertThat(stored.status()).isEqualTo("failed");
        assertThat(stored.errorMessage()).isEqualTo("export failed; the cause could not be recorded, see the service log");
        assertThat(restart().recoverUnfinished()).as("not resumed at the next start").isEmpty();
    }

    @Test
    void should_leave_an_export_pending_when_its_start_cannot_be_recorded() throws Exception {
        String id = tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        sql("ALTER TABLE export_runs ADD CONSTRAINT refuse_running CHECK (status <> 'running')");

        assertThatThrownBy(() -> tracker.start(id)).isInstanceOf(StoreException.class);

        assertThat(tracker.status(id).status()).isEqualTo("pending");
        sql("ALTER TABLE export_runs DROP CONSTRAINT refuse_running");
        assertThat(tracker.start(id)).as("a redelivered start takes it up").isTrue();
        assertThat(restart().status(id).status()).isEqualTo("running");
    }

    @Test
    void should_resume_after_one_crash_and_fail_after_the_process_died_during_two_runs_in_a_row() {
        String id = started();
        // the process dies; the next start resumes it
        tracker = restart();
        assertThat(tracker.recoverUnfinished()).containsExactly(id);
        tracker.start(id);
        // dies again
        tracker = restart();

        assertThat(tracker.recoverUnfinished()).isEmpty();

        ExportStatus quarantined = tracker.status(id);
        assertThat(quarantined.status()).isEqualTo("failed");
        assertThat(quarantined.errorMessage()).startsWith("not resumed: the service stopped unexpectedly")
                .contains("last 2 runs").contains("retry it");
        assertThat(restart().recoverUnfinished()).isEmpty();
        // a retry is asked for by a person: the export gets its runs again
        assertThat(tracker.requestRetry(id).status()).isEqualTo("pending");
        tracker.start(id);
        tracker = restart();
        assertThat(tracker.recoverUnfinished()).containsExactly(id);
    }

    @Test
    void should_not_count_stops_for_a_shutdown_as_crashes() {
        String id = started();
        for (int run = 0; run < 3; run++) {
            tracker.suspended(id);
            tracker = restart();
            assertThat(tracker.recoverUnfinished()).as("run " + run).containsExactly(id);
            tracker.start(id);
        }
        assertThat(tracker.status(id).status()).isEqualTo("running");
    }

    @Test
    void should_let_finished_exports_expire_after_the_cutoff_and_never_running_ones() {
        String completed = started();
        tracker.completed(completed);
        String running = started();
        clock.advance(Duration.ofDays(2));
        String recent = started();
        tracker.cancelled(recent);

        assertThat(tracker.expirable(clock.instant().minus(Duration.ofDays(1)), 10)).containsExactly(completed);

        tracker.expired(completed);
        ExportStatus stored = restart().status(completed);
        assertThat(stored.expired()).isTrue();
        assertThat(stored.status()).isEqualTo("completed");
        assertThat(tracker.expirable(clock.instant().plusMillis(1), 10)).containsExactly(recent);
        assertThatThrownBy(() -> tracker.expired(running)).isInstanceOf(ExportConflictException.class);
        tracker.expired(recent);
        assertThatThrownBy(() -> tracker.requestRetry(recent)).isInstanceOf(ExportConflictException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void should_show_warnings_in_the_status_and_keep_them_in_the_store() {
        String id = started();

        tracker.warn(id, List.of("batch_size 100000 lowered to 13107 to fit the memory budget"));

        assertThat(tracker.status(id).warnings()).containsExactly("batch_size 100000 lowered to 13107 to fit the memory budget");
        assertThat(restart().status(id).summary().warnings()).containsExactly("batch_size 100000 lowered to 13107 to fit the memory budget");
        tracker.warn(id, List.of());
        assertThat(restart().status(id).warnings()).isEmpty();
    }

    @Test
    void should_store_a_name_of_200_emoji_also_in_a_store_made_with_the_old_narrow_column() throws Exception {
        JdbcDataSource old = InMemoryH2.dataSource();
        try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE export_runs (export_id VARCHAR(64) PRIMARY KEY, name VARCHAR(200), trigger_type VARCHAR(16) NOT NULL, "
                    + "schedule_id VARCHAR(200), config_json VARCHAR(2000000) NOT NULL, directory VARCHAR(4000) NOT NULL, "
                    + "created_ms BIGINT NOT NULL, status VARCHAR(16) NOT NULL, start_ms BIGINT, end_ms BIGINT, error_message VARCHAR(4000))");
        }
        StateStore migrated = new StateStore(old);
        migrated.init();
        String name = "\uD83D\uDE00".repeat(200);

        String id = new StatusTracker(migrated, clock, 2, 10).create(List.of("logs"), name, "{}", "http", null, Path.of("/tmp")).exportId();

        assertThat(new StatusTracker(migrated, clock, 2, 10).status(id).name()).isEqualTo(name);
    }

    private String started() {
        String id = tracker.create(List.of("logs"), null, "{}", "http", null, "t", Path.of("/tmp"), Map.of()).exportId();
        tracker.start(id);
        return id;
    }

    private StatusTracker restart() {
        return new StatusTracker(store, clock, 2, 10);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
