package com.exportservice.status;

import com.exportservice.testsupport.MutableClock;
import com.exportservice.validation.ValidationStats;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status bean on a real (in-memory H2) state store: lifecycle, checkpoints, queue bound, history. */
class StatusTrackerTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T04:13:03.123456Z"), ZoneOffset.UTC);
    private StateStore store;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new StateStore(ds);
        store.init();
    }

    @Test
    void should_record_who_asked_for_an_export_by_trigger_unless_told() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);

        assertThat(tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).requestedBy()).isEqualTo("anonymous");
        assertThat(tracker.create(List.of("logs"), null, "{}", "file", null, Path.of("/tmp")).requestedBy()).isEqualTo("inbox");
        assertThat(tracker.create(List.of("logs"), null, "{}", "cli", null, Path.of("/tmp")).requestedBy()).isEqualTo("cli");
        assertThat(tracker.create(List.of("logs"), null, "{}", "schedule", "nightly", Path.of("/tmp")).requestedBy())
                .isEqualTo("schedule:nightly");
        String id = tracker.create(List.of("logs"), null, "{}", "http", null, "ci", Path.of("/tmp"), java.util.Map.of()).exportId();
        assertThat(new StatusTracker(store, clock, 2, 10).status(id).requestedBy()).isEqualTo("ci");
    }

    @Test
    void should_track_an_export_from_pending_to_completed_with_checkpoints() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        ExportStatus created = tracker.create(List.of("logs", "events"), "n", "{}", "http", null, Path.of("/tmp/x"));
        String id = created.exportId();
        assertThat(created.status()).isEqualTo("pending");
        assertThat(created.createdTime()).isEqualTo("2026-11-26T04:13:03.123Z");

        assertThat(tracker.start(id)).isTrue();
        tracker.planned(id, "logs", 250, 3, "250");
        tracker.planned(id, "events", 0, 0, null);
        tracker.persist(new BatchCheckpoint(id, "logs", 100L, 1, 100, 98, 2, 4096, new ValidationStats()));
        ExportStatus mid = tracker.status(id);

        assertThat(mid.status()).isEqualTo("running");
        assertThat(mid.processedRecords()).isEqualTo(100);
        assertThat(mid.totalRecords()).isEqualTo(250);
        assertThat(mid.currentBatch()).isEqualTo(1);
        assertThat(mid.totalBatches()).isEqualTo(3);
        assertThat(mid.progress()).containsEntry("logs", 40.0).containsEntry("events", 100.0);
        assertThat(mid.dataTypeStatus().get("logs").skippedRecords()).isEqualTo(2);
        DataTypeCheckpoint cp = tracker.checkpoints(id).get(0);
        assertThat(cp.checkpoint().lastKey()).isEqualTo(100L);
        assertThat(cp.checkpoint().fileBytes()).isEqualTo(4096);

        tracker.dataTypeCompleted(id, "logs", "logs.jsonl", 9000, "ab");
        tracker.completed(id);
        // read back from the store, as after a restart
        StatusTracker fresh = new StatusTracker(store, clock, 2, 10);
        ExportStatus done = fresh.status(id);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.endTime()).isEqualTo("2026-11-26T04:13:03.123Z");
        DataTypeCheckpoint stored = fresh.checkpoints(id).get(0);
        assertThat(stored.sha256()).isEqualTo("ab");
        assertThat(stored.checkpoint()).isEqualTo(new BatchCheckpoint(id, "logs", "100", 1, 100, 98, 2, 9000, new ValidationStats()));
        assertThat(fresh.list(ExportState.COMPLETED, 10, 0)).extracting(ExportStatus::exportId).containsExactly(id);
    }

    @Test
    void should_refuse_new_exports_only_when_max_pending_wait_for_a_slot() {
        StatusTracker tracker = new StatusTracker(store, clock, 1, 1);
        String first = tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        // first takes the free slot: it does not count as waiting
        tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp"));

        assertThatThrownBy(() -> tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")))
                .isInstanceOf(TooManyExportsException.class);
        tracker.requestCancel(first);
        assertThat(tracker.status(first).status()).isEqualTo("cancelled");
        tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp"));
    }

    @Test
    void should_allow_cancel_until_finished_and_retry_only_after_failure_or_cancel() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        String id = tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        tracker.start(id);
        assertThatThrownBy(() -> tracker.requestRetry(id)).isInstanceOf(ExportConflictException.class);

        tracker.requestCancel(id);
        assertThat(tracker.isCancelRequested(id)).isTrue();
        tracker.cancelled(id);
        assertThatThrownBy(() -> tracker.requestCancel(id)).isInstanceOf(ExportConflictException.class);

        assertThat(tracker.requestRetry(id).status()).isEqualTo("pending");
        assertThat(tracker.start(id)).isTrue();
        tracker.failed(id, "boom");
        assertThat(tracker.status(id).errorMessage()).isEqualTo("boom");
    }

    @Test
    void should_recover_running_exports_as_pending_after_a_restart() {
        StatusTracker before = new StatusTracker(store, clock, 2, 10);
        String running = before.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        before.start(running);
        String waiting = before.create(List.of("logs"), null, "{}", "file", null, Path.of("/tmp")).exportId();

        StatusTracker after = new StatusTracker(store, clock, 2, 10);

        assertThat(after.recoverUnfinished()).containsExactly(running, waiting);
        assertThat(after.status(running).status()).isEqualTo("pending");
        assertThat(after.trigger(waiting)).isEqualTo("file");
    }

    @Test
    void should_answer_not_found_for_unknown_and_malformed_ids() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        assertThatThrownBy(() -> tracker.status("exp-nope")).isInstanceOf(ExportNotFoundException.class);
        assertThatThrownBy(() -> tracker.status("../etc")).isInstanceOf(ExportNotFoundException.class);
    }

    @Test
    void should_count_attempts_over_retries_and_resumptions() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        String id = tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        assertThat(tracker.status(id).attempts()).isEqualTo(1);
        tracker.start(id);
        tracker.failed(id, "boom");

        tracker.requestRetry(id);
        tracker.start(id);
        StatusTracker afterRestart = new StatusTracker(store, clock, 2, 10);
        afterRestart.recoverUnfinished();

        assertThat(afterRestart.status(id).attempts()).isEqualTo(3);
        String waiting = afterRestart.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        new StatusTracker(store, clock, 2, 10).recoverUnfinished();
        assertThat(new StatusTracker(store, clock, 2, 10).status(waiting).attempts())
                .as("a pending export that never ran is not resumed, only queued again").isEqualTo(1);
    }

    @Test
    void should_list_each_attempt_with_its_kind_and_end() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        String id = tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        assertThat(tracker.attempts(id)).isEmpty();
        tracker.start(id);
        tracker.failed(id, "the source database cannot be reached");
        tracker.requestRetry(id);
        tracker.start(id);
        StatusTracker afterRestart = new StatusTracker(store, clock, 2, 10);
        afterRestart.recoverUnfinished();
        afterRestart.start(id);
        afterRestart.completed(id);

        assertThat(new StatusTracker(store, clock, 2, 10).attempts(id))
                .extracting(ExportAttempt::attempt, ExportAttempt::kind, ExportAttempt::status, ExportAttempt::errorMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "start", "failed", "the source database cannot be reached"),
                        org.assertj.core.groups.Tuple.tuple(2, "retry", "interrupted", null),
                        org.assertj.core.groups.Tuple.tuple(3, "resume", "completed", null));
    }

    @Test
    void should_time_each_data_type_from_its_start_to_its_completion() {
        MutableClock time = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
        StatusTracker tracker = new StatusTracker(store, time, 2, 10);
        String id = tracker.create(List.of("logs", "events"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        tracker.start(id);
        tracker.planned(id, "logs", 10, 1, "10");
        tracker.planned(id, "events", 10, 1, "10");
        tracker.dataTypeStarted(id, "logs");
        time.advance(java.time.Duration.ofMillis(1500));
        assertThat(tracker.status(id).dataTypeStatus().get("logs").elapsedSeconds()).isEqualTo(1.5);
        assertThat(tracker.status(id).dataTypeStatus().get("events").elapsedSeconds()).isNull();
        tracker.dataTypeCompleted(id, "logs", "logs.json", 10, "ab");
        tracker.dataTypeStarted(id, "events");
        time.advance(java.time.Duration.ofSeconds(3));
        tracker.dataTypeCompleted(id, "events", "events.json", 10, "cd");
        tracker.completed(id);
        time.advance(java.time.Duration.ofHours(1));

        ExportStatus done = new StatusTracker(store, time, 2, 10).status(id);
        assertThat(done.dataTypeStatus().get("logs").elapsedSeconds()).isEqualTo(1.5);
        assertThat(done.dataTypeStatus().get("events").elapsedSeconds()).isEqualTo(3.0);
        assertThat(done.elapsedSeconds()).isEqualTo(4.5);
        assertThat(done.bytes()).isEqualTo(20);
    }

    @Test
    void should_find_exports_by_text_in_name_or_id_with_wildcards_literal() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        String nightly = tracker.create(List.of("logs"), "Nightly logs", "{\"output_format\":\"csv\",\"compression\":true}",
                "http", null, Path.of("/tmp")).exportId();
        tracker.create(List.of("logs"), "weekly_100%", "{}", "http", null, Path.of("/tmp"));
        tracker.create(List.of("events"), null, "{}", "http", null, Path.of("/tmp"));

        assertThat(tracker.history(new HistoryFilter(null, null, "NIGHTLY"), 10, 0)).extracting(ExportStatus::exportId).containsExactly(nightly);
        assertThat(tracker.historyCount(new HistoryFilter(null, null, "%"))).isEqualTo(1);
        assertThat(tracker.historyCount(new HistoryFilter(null, null, "_"))).isEqualTo(1);
        assertThat(tracker.historyCount(new HistoryFilter(null, null, nightly.substring(4)))).isEqualTo(1);
        assertThat(tracker.historyCount(new HistoryFilter(null, java.util.Set.of("events"), "nightly"))).isZero();
        ExportStatus shown = tracker.history(new HistoryFilter(null, null, "nightly"), 10, 0).get(0);
        assertThat(shown.outputFormat()).isEqualTo("csv");
        assertThat(shown.compression()).isTrue();
    }

    @Test
    void should_tell_elapsed_time_and_an_eta_only_while_running() {
        MutableClock time = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
        StatusTracker tracker = new StatusTracker(store, time, 2, 10);
        String id = tracker.create(List.of("logs", "events"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        assertThat(tracker.status(id).elapsedSeconds()).isNull();
        tracker.start(id);
        tracker.planned(id, "logs", 3000, 3, "3000");
        tracker.planned(id, "events", 1000, 1, "1000");
        tracker.dataTypeStarted(id, "logs");
        assertThat(tracker.status(id).etaSeconds()).as("no batch yet").isNull();

        time.advance(Duration.ofMillis(1000));
        tracker.persist(new BatchCheckpoint(id, "logs", 1000L, 1, 1000, 1000, 0, 10, new ValidationStats()));
        ExportStatus mid = tracker.status(id);

        assertThat(mid.elapsedSeconds()).isEqualTo(1.0);
        assertThat(mid.etaSeconds()).isEqualTo(3.0);                  // 3,000 records left at 1,000/s
        assertThat(mid.dataTypeStatus().get("logs").etaSeconds()).isEqualTo(2.0);
        assertThat(mid.dataTypeStatus().get("events").etaSeconds()).isEqualTo(3.0); // after logs
        time.advance(Duration.ofMillis(500));
        tracker.failed(id, "boom");
        ExportStatus failed = tracker.status(id);
        assertThat(failed.etaSeconds()).isNull();
        assertThat(failed.dataTypeStatus().get("logs").etaSeconds()).isNull();
        time.advance(Duration.ofMillis(60_000));
        assertThat(tracker.status(id).elapsedSeconds()).as("total once ended").isEqualTo(1.5);
    }

    @Test
    void should_tell_listeners_each_change_and_each_batch_once() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        List<String> changes = new java.util.ArrayList<>();
        List<Progress> progress = new java.util.ArrayList<>();
        tracker.addListener(new StatusListener() {
            @Override
            public void statusChanged(ExportStatus status) {
                changes.add(status.status());
            }

            @Override
            public void progressed(ExportStatus status, Progress p) {
                progress.add(p);
            }
        });
        String id = runningLogs(tracker, 250);
        BatchCheckpoint first = new BatchCheckpoint(id, "logs", 100L, 1, 100, 98, 2, 4096, new ValidationStats());

        tracker.persist(first);
        tracker.persist(first); // the same batch again: redelivered after its checkpoint was saved
        tracker.dataTypeCompleted(id, "logs", "logs.jsonl", 4100, "ab");
        tracker.completed(id);

        assertThat(changes).containsExactly("pending", "running", "completed");
        assertThat(progress).extracting(Progress::records).containsExactly(98L, 0L, 0L);
        assertThat(progress).extracting(Progress::skipped).containsExactly(2L, 0L, 0L);
        assertThat(progress.stream().mapToLong(Progress::bytes).sum()).isEqualTo(4100);
        assertThat(progress.get(0).batchDurations()).hasSize(1);
        assertThat(progress.get(1).batchDurations()).as("a batch saved again adds no batch").isEmpty();
        assertThat(progress.get(2).batchDurations()).as("the footer is no batch").isEmpty();
    }

    @Test
    void should_move_the_status_by_every_batch_a_save_covers_at_once_with_each_batchs_duration() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        List<Progress> progress = new java.util.ArrayList<>();
        tracker.addListener(new StatusListener() {
            @Override
            public void progressed(ExportStatus status, Progress p) {
                progress.add(p);
            }
        });
        String id = runningLogs(tracker, 300);

        // one save of three batches (the engine saves at most every CheckpointSaves.INTERVAL)
        List<java.time.Duration> durations = List.of(java.time.Duration.ofMillis(9), java.time.Duration.ofMillis(12),
                java.time.Duration.ofMillis(8));
        tracker.persist(new BatchCheckpoint(id, "logs", 300L, 3, 300, 300, 0, 9000, new ValidationStats()), durations);

        ExportStatus s = tracker.status(id);
        assertThat(s.processedRecords()).isEqualTo(300);
        assertThat(s.currentBatch()).isEqualTo(3);
        assertThat(progress).singleElement().satisfies(p -> {
            assertThat(p.records()).isEqualTo(300);
            assertThat(p.batchDurations()).containsExactlyElementsOf(durations);
        });
    }

    @Test
    void should_keep_an_export_going_when_a_listener_throws() {
        StatusTracker tracker = new StatusTracker(store, clock, 2, 10);
        tracker.addListener(new StatusListener() {
            @Override
            public void statusChanged(ExportStatus status) {
                throw new IllegalStateException("listener broke");
            }
        });

        String id = tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();

        assertThat(tracker.start(id)).isTrue();
        assertThat(tracker.status(id).status()).isEqualTo("running");
    }

    /** A new export of {@code logs} ({@code total} records in batches of 100), started, planned and opened. */
    private static String runningLogs(StatusTracker tracker, long total) {
        String id = tracker.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        tracker.start(id);
        tracker.planned(id, "logs", total, (total + 99) / 100, String.valueOf(total));
        tracker.dataTypeStarted(id, "logs");
        return id;
    }
}
