package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.output.DataFile;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.OnInvalid;
import com.exportservice.request.OutputFormat;
import com.exportservice.source.Batch;
import com.exportservice.source.BatchCursor;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.PersistedCheckpoint;
import com.exportservice.status.StateStore;
import com.exportservice.status.StatusTracker;
import com.exportservice.status.OwnershipLostException;
import com.exportservice.status.StoreException;
import com.exportservice.validation.ValidationStats;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rule "a batch is committed only after its checkpoint is persisted", on the batch steps and the
 * status bean with a real (in-memory H2) state store, without Camel: write produces the checkpoint, the
 * status persists it, commit applies it.
 */
class BatchCommitTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T04:13:03Z"), ZoneOffset.UTC);
    private static final DataType LOGS = new DataType("logs", "logs", null, "id", null, List.of(
            new FieldDef("id", "id", FieldType.INTEGER, true, List.of(), Map.of(), null),
            new FieldDef("message", "message", FieldType.TEXT, true, List.of(), Map.of(), null)));

    @TempDir
    Path dir;
    private JdbcDataSource storeDb;
    private StatusTracker status;
    private String exportId;
    private ExportRun run;
    private final BatchSteps steps = new BatchSteps();
    /** The checkpoint saves' clock (nanoseconds), moved by the tests. */
    private final long[] nanos = {0};

    @BeforeEach
    void openDataType() throws Exception {
        storeDb = new JdbcDataSource();
        // a store row locked by another session makes a save fail after 200 ms, as an unreachable store would
        storeDb.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200");
        StateStore store = new StateStore(storeDb);
        store.init();
        status = new StatusTracker(store, CLOCK, 1, 10);
        exportId = status.create(List.of("logs"), null, "{}", "http", null, dir).exportId();
        status.start(exportId);
        status.planned(exportId, "logs", 3, 2, "3");
        ExportConfig config = new ExportConfig(List.of("logs"), null, null, List.of(), 2, false, OutputFormat.JSONL,
                false, null, OnInvalid.INCLUDE);
        run = new ExportRun(exportId, config, dir, "2026-11-26T04:13:03.000Z", List.of(LOGS), config.batchSize());
        RecordProcessors processors = RecordProcessors.standard(CLOCK, ZoneOffset.UTC);
        run.current = new DataTypeRun(LOGS, "logs.jsonl", new DataFile(dir, "logs.jsonl"), new BatchCursor(null, null, Runnable::run),
                processors.validator(LOGS), processors.transformer(LOGS, false), "3",
                new RecordContext("logs", exportId, "2026-11-26T04:13:03.000Z", false), OutputFormat.JSONL);
        run.current.openAt(BatchCheckpoint.start(exportId, "logs", null, 0));
    }

    @Test
    void should_leave_the_committed_state_alone_when_the_checkpoint_cannot_be_persisted_and_write_the_retried_batch_once()
            throws Exception {
        // given: the first batch written; its checkpoint not yet persisted
        BatchCheckpoint before = run.current.committed();
        BatchCheckpoint written = write(firstBatch());
        assertThat(written.lastKey()).isEqualTo(2L);
        assertThat(written.written()).isEqualTo(2);
        assertThat(run.current.committed()).as("write commits nothing").isEqualTo(before);

        // when: the store cannot save it
        try (Connection blocker = lockCheckpointRow()) {
            assertThatThrownBy(() -> status.persist(written)).isInstanceOf(StoreException.class);
        }

        // then: neither the status nor the data type moved on; the range to read is still the first one
        assertThat(status.checkpoints(exportId).get(0).checkpoint().written()).isZero();
        assertThat(run.current.committed()).isEqualTo(before);
        Iterator<BatchRange> ranges = run.current.ranges(() -> false);
        assertThat(ranges.next().afterKey()).isNull();

        // when: the batch is redelivered (read afresh) and its checkpoint persists
        BatchCheckpoint again = write(firstBatch());
        PersistedCheckpoint persisted = status.persist(again);
        steps.commit(persisted, run, false);

        // then: the same checkpoint as the failed attempt, committed; the file holds the batch once
        assertThat(again).isEqualTo(written);
        assertThat(run.current.committed()).isEqualTo(again);
        assertThat(status.checkpoints(exportId).get(0).checkpoint()).isEqualTo(again);
        assertThat(ranges.next().afterKey()).isEqualTo(2L);
        assertThat(Files.readString(dir.resolve("logs.jsonl.part"), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1,\"message\":\"one\"}\n{\"id\":2,\"message\":\"two\"}\n");
    }

    @Test
    void should_end_the_batch_ranges_after_the_last_batch_commits() throws Exception {
        Iterator<BatchRange> ranges = run.current.ranges(() -> false);
        ranges.next();
        steps.commit(status.persist(write(firstBatch())), run, false);
        assertThat(ranges.hasNext()).isTrue();

        BatchRange second = ranges.next();
        assertThat(ranges.hasNext()).as("not known before the batch commits").isTrue();
        Batch last = new Batch("logs", second.afterKey(), 3L, List.of(record(3L, "three")), true);
        steps.commit(status.persist(write(last)), run, true);

        assertThat(ranges.hasNext()).isFalse();
        BatchCheckpoint committed = status.checkpoints(exportId).get(0).checkpoint();
        assertThat(committed.batches()).isEqualTo(2);
        assertThat(committed.processed()).isEqualTo(3);
        assertThat(committed.validation().records()).isEqualTo(3);
    }

    @Test
    void should_write_the_batch_again_whose_checkpoint_save_failed_while_the_next_batch_was_processed() throws Exception {
        // given: the first batch written and committed, its save due and started (here: fails, the store's row locked)
        savesEvery(Duration.ZERO);
        Iterator<BatchRange> ranges = run.current.ranges(() -> false);
        ranges.next();
        BatchCheckpoint first = write(firstBatch());
        try (Connection blocker = lockCheckpointRow()) {
            steps.checkpoint(first, run, false);
        }
        assertThat(ranges.next().afterKey()).as("the next batch reads on at once").isEqualTo(2L);

        // when: the next batch is processed and comes to its write
        Batch second = new Batch("logs", 2L, 3L, List.of(record(3L, "three")), true);
        assertThatThrownBy(() -> write(second)).isInstanceOf(StoreException.class);

        // then: not one byte of it was written, the data type is back before the first batch, whose range comes again
        assertThat(status.checkpoints(exportId).get(0).checkpoint().written()).isZero();
        assertThat(run.current.committed().written()).isZero();
        assertThat(ranges.next().afterKey()).isNull();

        // when: the first batch is written again and both checkpoints saved
        steps.checkpoint(write(firstBatch()), run, false);
        steps.checkpoint(write(second), run, true);

        // then: each record once, the store at the last batch
        assertThat(Files.readString(dir.resolve("logs.jsonl.part"), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":1,\"message\":\"one\"}\n{\"id\":2,\"message\":\"two\"}\n{\"id\":3,\"message\":\"three\"}\n");
        assertThat(status.checkpoints(exportId).get(0).checkpoint().written()).isEqualTo(3);
        assertThat(ranges.hasNext()).isFalse();
    }

    @Test
    void should_wait_for_the_last_batchs_save_and_redeliver_that_batch_when_it_fails() throws Exception {
        savesEvery(Duration.ofHours(1)); // not due: the last batch is saved anyway
        Batch only = new Batch("logs", null, 2L, List.of(record(1L, "one"), record(2L, "two")), true);
        BatchCheckpoint cp = write(only);
        try (Connection blocker = lockCheckpointRow()) {
            assertThatThrownBy(() -> steps.checkpoint(cp, run, true)).isInstanceOf(StoreException.class);
        }
        assertThat(run.current.ranges(() -> false).next().afterKey()).isNull();

        steps.checkpoint(write(only), run, true);
        assertThat(run.current.ranges(() -> false).hasNext()).isFalse();
        assertThat(status.checkpoints(exportId).get(0).checkpoint().written()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("logs.jsonl.part"), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1,\"message\":\"one\"}\n{\"id\":2,\"message\":\"two\"}\n");
    }

    @Test
    void should_save_a_checkpoint_only_once_the_interval_passed_since_the_last_save_and_show_only_what_the_store_holds()
            throws Exception {
        savesEvery(Duration.ofMillis(500));
        Iterator<BatchRange> ranges = run.current.ranges(() -> false);

        // batches committed within the interval: in memory only, the status (what the store holds) stays at 0
        commitNext(ranges, 1, 499);
        commitNext(ranges, 2, 0);
        assertThat(run.current.committed().written()).isEqualTo(2);
        assertThat(storedWritten()).isZero();
        assertThat(status.checkpoints(exportId).get(0).checkpoint().written()).isZero();

        // the interval passed: the next commit saves every batch since the last save at once
        commitNext(ranges, 3, 1);
        assertThat(storedWritten()).isEqualTo(3);
        assertThat(status.checkpoints(exportId).get(0).checkpoint().batches()).isEqualTo(3);

        // and counts the interval again from that save
        commitNext(ranges, 4, 499);
        assertThat(storedWritten()).isEqualTo(3);
        commitNext(ranges, 5, 1);
        assertThat(storedWritten()).isEqualTo(5);
    }

    @Test
    void should_take_every_unsaved_batch_back_when_a_save_fails_and_write_each_record_once() throws Exception {
        savesEvery(Duration.ofMillis(500));
        Iterator<BatchRange> ranges = run.current.ranges(() -> false);
        commitNext(ranges, 1, 500); // saved
        commitNext(ranges, 2, 100);
        commitNext(ranges, 3, 100);
        commitNext(ranges, 4, 100);
        assertThat(storedWritten()).isEqualTo(1);

        // the save of batches 2 to 5 fails (the store's row locked)
        try (Connection blocker = lockCheckpointRow()) {
            commitNext(ranges, 5, 500);
        }
        // the next write finds it: nothing of batch 6 is written, the data type is back at batch 1, its file too
        assertThat(ranges.next().afterKey()).isEqualTo(5L);
        assertThatThrownBy(() -> write(batch(6, false))).isInstanceOf(StoreException.class);
        assertThat(run.current.committed().written()).isEqualTo(1);
        assertThat(storedWritten()).isEqualTo(1);
        assertThat(ranges.next().afterKey()).as("the redelivery reads after the saved key").isEqualTo(1L);

        // the redelivered batches, then the last one (saved at once)
        for (long id = 2; id <= 6; id++) {
            steps.checkpoint(write(batch(id, false)), run, false);
        }
        steps.checkpoint(write(new Batch("logs", 6L, 7L, List.of(record(7L, "r7")), true)), run, true);

        assertThat(Files.readString(dir.resolve("logs.jsonl.part"), StandardCharsets.UTF_8)).isEqualTo(lines(7));
        BatchCheckpoint stored = status.checkpoints(exportId).get(0).checkpoint();
        assertThat(stored.written()).isEqualTo(7);
        assertThat(stored.batches()).isEqualTo(7);
        assertThat(stored.fileBytes()).isEqualTo(Files.size(dir.resolve("logs.jsonl.part")));
    }

    @Test
    void should_resume_exactly_from_the_stored_checkpoint_after_a_crash_between_saves() throws Exception {
        savesEvery(Duration.ofMillis(500));
        Iterator<BatchRange> ranges = run.current.ranges(() -> false);
        commitNext(ranges, 1, 500); // saved
        commitNext(ranges, 2, 100);
        commitNext(ranges, 3, 100); // written and flushed, never saved: the process dies here (no close)
        BatchCheckpoint stored = status.checkpoints(exportId).get(0).checkpoint();
        assertThat(stored.written()).isEqualTo(1);
        assertThat(Files.size(dir.resolve("logs.jsonl.part"))).isGreaterThan(stored.fileBytes());

        // the next run opens the file at the stored checkpoint, as ExportRunner.openDataType does
        reopenAtStored(Duration.ofMillis(500));
        assertThat(run.current.ranges(() -> false).next().afterKey()).isEqualTo(1L);
        steps.checkpoint(write(batch(2, false)), run, false);
        steps.checkpoint(write(new Batch("logs", 2L, 3L, List.of(record(3L, "r3")), true)), run, true);

        assertThat(Files.readString(dir.resolve("logs.jsonl.part"), StandardCharsets.UTF_8)).isEqualTo(lines(3));
        assertThat(status.checkpoints(exportId).get(0).checkpoint().written()).isEqualTo(3);
    }

    @Test
    void should_save_the_unsaved_batches_when_the_run_stops_and_nothing_when_the_export_was_lost() throws Exception {
        savesEvery(Duration.ofHours(1));
        Iterator<BatchRange> ranges = run.current.ranges(() -> false);
        commitNext(ranges, 1, 1);
        commitNext(ranges, 2, 1);
        assertThat(storedWritten()).isZero();

        // a cancel, a failure or the shutdown stops the run: its status shows every batch its file holds
        run.closeCurrent();
        assertThat(storedWritten()).isEqualTo(2);
        assertThat(status.checkpoints(exportId).get(0).checkpoint().fileBytes())
                .isEqualTo(Files.size(dir.resolve("logs.jsonl.part")));

        // a run that lost the export (cluster mode) saves nothing more
        reopenAtStored(Duration.ofHours(1));
        commitNext(run.current.ranges(() -> false), 3, 1);
        run.closeCurrent(false);
        assertThat(storedWritten()).isEqualTo(2);
    }

    @Test
    void should_write_nothing_more_when_the_export_was_taken_over_during_the_save() throws Exception {
        // given: the save of the first batch finds the export another owner's (the status: taken over meanwhile)
        savesEvery(Duration.ZERO);
        Iterator<BatchRange> ranges = run.current.ranges(() -> false);
        ranges.next();
        BatchCheckpoint first = write(firstBatch());
        long bytes = Files.size(dir.resolve("logs.jsonl.part"));
        status.loseAll();
        steps.checkpoint(first, run, false);

        // when / then: the next batch stops before its first byte
        Batch second = new Batch("logs", 2L, 3L, List.of(record(3L, "three")), true);
        assertThatThrownBy(() -> write(second)).isInstanceOf(OwnershipLostException.class);
        assertThat(Files.size(dir.resolve("logs.jsonl.part"))).isEqualTo(bytes);
    }


    @Test
    void should_stop_the_batch_ranges_when_asked_to() {
        boolean[] stop = {false};
        Iterator<BatchRange> ranges = run.current.ranges(() -> stop[0]);
        assertThat(ranges.hasNext()).isTrue();
        stop[0] = true;
        assertThat(ranges.hasNext()).isFalse();
    }

    /** A new data type run whose committed checkpoints are saved every {@code interval} of {@link #nanos}, on the calling thread. */
    private void savesEvery(Duration interval) throws Exception {
        openRun(interval, BatchCheckpoint.start(exportId, "logs", null, 0));
    }

    /** A new run of the data type opened at the checkpoint the store holds (a resumed export). */
    private void reopenAtStored(Duration interval) throws Exception {
        BatchCheckpoint stored = status.checkpoints(exportId).get(0).checkpoint();
        openRun(interval, stored.withLastKey(Long.parseLong(stored.lastKeyText())));
    }

    private void openRun(Duration interval, BatchCheckpoint at) throws Exception {
        RecordProcessors processors = RecordProcessors.standard(CLOCK, ZoneOffset.UTC);
        run.current = new DataTypeRun(LOGS, "logs.jsonl", new DataFile(dir, "logs.jsonl"), new BatchCursor(null, null, Runnable::run),
                processors.validator(LOGS), processors.transformer(LOGS, false), "3",
                new RecordContext("logs", exportId, "2026-11-26T04:13:03.000Z", false), OutputFormat.JSONL);
        run.current.saveThrough(new CheckpointSaves(status, Runnable::run, () -> nanos[0], interval));
        run.current.openAt(at);
    }

    /** Moves the clock on by {@code millis}, then writes and commits the one-record batch of {@code id}, the next range's. */
    private void commitNext(Iterator<BatchRange> ranges, long id, long millis) throws Exception {
        assertThat(ranges.next().afterKey()).isEqualTo(id == 1 ? null : id - 1);
        nanos[0] += Duration.ofMillis(millis).toNanos();
        steps.checkpoint(write(batch(id, false)), run, false);
    }

    /** The data type's records as the store's row holds them. */
    private long storedWritten() throws Exception {
        try (Connection c = storeDb.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT records FROM export_data_types WHERE export_id = ?")) {
            ps.setString(1, exportId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Batch batch(long id, boolean last) {
        return new Batch("logs", id == 1 ? null : id - 1, id, List.of(record(id, "r" + id)), last);
    }

    /** The file of records 1..n, each once. */
    private static String lines(int n) {
        StringBuilder out = new StringBuilder();
        for (int id = 1; id <= n; id++) {
            out.append("{\"id\":").append(id).append(",\"message\":\"r").append(id).append("\"}\n");
        }
        return out.toString();
    }

    private BatchCheckpoint write(Batch batch) throws Exception {
        ValidationStats stats = steps.validate(batch, run);
        steps.transform(batch, run);
        return steps.write(batch, run, stats);
    }

    private static Batch firstBatch() {
        return new Batch("logs", null, 2L, List.of(record(1L, "one"), record(2L, "two")), false);
    }

    private static ExportRecord record(long id, String message) {
        return new ExportRecord(new Object[] {id, message}, id);
    }

    /** Another session updates the data type's row and keeps its transaction open: the row stays locked. */
    private Connection lockCheckpointRow() throws Exception {
        Connection c = storeDb.getConnection();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("UPDATE export_data_types SET batches = batches WHERE export_id = ?")) {
            ps.setString(1, exportId);
            ps.executeUpdate();
        }
        return c;
    }
}
