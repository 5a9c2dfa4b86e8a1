package com.exportservice.engine;

import com.exportservice.output.RecordEncoder;
import com.exportservice.record.ExportRecord;
import com.exportservice.request.OnInvalid;
import com.exportservice.source.Batch;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.PersistedCheckpoint;
import com.exportservice.validation.ValidationStats;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.sql.SQLException;
import java.util.List;

/**
 * The steps of one batch exchange ({@code batchSteps}): read a key range, validate, transform, write,
 * checkpoint. Each works on the batch in the body and the data type in progress; only the checkpoint
 * step moves the data type's committed state, so a batch that fails at any step before is redelivered
 * from the start of its route and written exactly once. The committed checkpoint is saved in the store
 * at most every {@link CheckpointSaves#INTERVAL}, beside the next batches; a write first waits for a save
 * under way (see {@link DataTypeRun}).
 */
public final class BatchSteps {
    private final RecordWorkers workers;

    /** Batches processed in one piece on the export's thread. */
    public BatchSteps() {
        this(RecordWorkers.sequential());
    }

    /** Batches split over these workers. */
    public BatchSteps(RecordWorkers workers) {
        this.workers = workers;
    }

    /**
     * Reads the batch after the data type's committed key (the read-ahead usually has it already): the
     * range's own, unless a save of a checkpoint before failed and took the data type back to the last saved
     * one, after which the batches are read again. Notes on the exchange, for the dead-letter record and the checkpoint: the
     * key read after, the attempt, and whether it is the data type's last.
     */
    public Batch read(@Body BatchRange range, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                      Exchange exchange) throws SQLException {
        Object afterKey = run.current.committed().lastKey();
        Integer before = exchange.getProperty(ExportProperties.BATCH_ATTEMPTS, Integer.class);
        exchange.setProperty(ExportProperties.BATCH_ATTEMPTS, before == null ? 1 : before + 1);
        exchange.setProperty(ExportProperties.BATCH_AFTER_KEY, afterKey == null ? null : String.valueOf(afterKey));
        Batch batch = run.current.cursor.next(afterKey);
        exchange.setProperty(ExportProperties.LAST_BATCH, batch.complete());
        return batch;
    }

    /**
     * Validates each record of the batch against its data type (setting its validation errors) and
     * returns the batch's validation counts. A batch large enough is split into chunks validated at once
     * ({@link RecordWorkers}); their counts are added up in record order. Each record that will be
     * written is transformed right after its validation, by the same thread while the record is at
     * hand (one hand-over to the workers per step, not two); {@link #transform} then finds the batch done.
     *
     * @throws ExportAbortedException under {@code on_invalid: fail}, naming the rule and the first invalid record's id
     */
    public ValidationStats validate(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws Exception {
        DataTypeRun dt = run.current;
        List<ExportRecord> records = batch.records();
        int chunks = workers.chunks(records.size(), dt.slots());
        ValidationStats[] parts = new ValidationStats[chunks];
        boolean failOnInvalid = run.config.onInvalid() == OnInvalid.FAIL;
        boolean skipInvalid = run.config.onInvalid() == OnInvalid.SKIP;
        dt.transformed = null;
        workers.run(records.size(), chunks, (slot, from, to) -> {
            ValidationStats stats = new ValidationStats();
            parts[slot] = stats;
            RecordProcessors.Validation validator = dt.validator(slot);
            RecordProcessors.Transformation transformer = dt.transformer(slot);
            for (int i = from; i < to; i++) {
                ExportRecord r = records.get(i);
                validator.validate(r, stats);
                if (!r.isValid()) {
                    if (failOnInvalid) {
                        throw new ExportAbortedException("record " + r.key() + " of " + batch.dataType()
                                + " failed validation (on_invalid: fail): " + String.join(", ", r.validationErrors()));
                    }
                    if (skipInvalid) {
                        continue;
                    }
                }
                transformer.transform(r);
            }
        });
        dt.transformed = batch;
        if (chunks == 1) {
            return parts[0];
        }
        ValidationStats all = new ValidationStats();
        for (ValidationStats part : parts) {
            all.merge(part);
        }
        return all;
    }

    /**
     * Transforms the records that will be written (UTC timestamps, clean text, metadata), in chunks as
     * {@link #validate}, unless {@link #validate} did it already (the engine's route: always).
     */
    public Batch transform(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws Exception {
        DataTypeRun dt = run.current;
        if (dt.transformed == batch) {
            dt.transformed = null; // the data type must not keep a batch alive after its step
            return batch;
        }
        List<ExportRecord> records = batch.records();
        boolean skipInvalid = run.config.onInvalid() == OnInvalid.SKIP;
        workers.run(records.size(), workers.chunks(records.size(), dt.slots()), (slot, from, to) -> {
            RecordProcessors.Transformation transformer = dt.transformer(slot);
            for (int i = from; i < to; i++) {
                ExportRecord r = records.get(i);
                if (!(skipInvalid && !r.isValid())) {
                    transformer.transform(r);
                }
            }
        });
        return batch;
    }

    /**
     * Appends the batch to the data type's file at the committed checkpoint (a partial earlier attempt is
     * cut off first), flushes it, and returns the checkpoint this batch leads to. Nothing of the data
     * type's committed state changes here. A batch split into chunks has each chunk encoded at once into
     * its slot's buffer, and the buffers appended in order.
     *
     * <p>First a save under way must end (it rarely is: one starts at most every
     * {@link CheckpointSaves#INTERVAL}): when it failed (store unreachable, export taken over) the data
     * type is back at the last saved checkpoint, no byte is written, and the save's error is thrown (the
     * redelivered exchange reads and writes the unsaved batches again).
     */
    public BatchCheckpoint write(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                                 @ExchangeProperty(ExportProperties.BATCH_VALIDATION) ValidationStats batchStats) throws Exception {
        // a node that lost the export (taken over, lease run out) writes not one more byte for it
        run.ownership.run();
        DataTypeRun dt = run.current;
        dt.awaitSave();
        BatchCheckpoint from = dt.committed();
        if (dt.dirty || dt.file.position() != from.fileBytes()) {
            dt.reopen();
        }
        dt.dirty = true;
        boolean skipInvalid = run.config.onInvalid() == OnInvalid.SKIP;
        List<ExportRecord> records = batch.records();
        int n = records.size();
        long invalid = 0;
        for (ExportRecord r : records) {
            if (!r.isValid()) {
                invalid++;
            }
        }
        long written = skipInvalid ? n - invalid : n;
        int chunks = workers.chunks(n, dt.slots());
        if (chunks == 1) {
            for (ExportRecord r : records) {
                if (r.isValid() || !skipInvalid) {
                    dt.writer.write(r);
                }
            }
        } else {
            // where each chunk starts in the file (json: whether its first record needs a separator)
            long[] before = new long[chunks];
            long count = dt.writer.recordsInFile();
            for (int c = 0, i = 0; c < chunks; c++) {
                before[c] = count;
                for (int end = RecordWorkers.chunkEnd(n, chunks, c); i < end; i++) {
                    if (records.get(i).isValid() || !skipInvalid) {
                        count++;
                    }
                }
            }
            workers.run(n, chunks, (slot, start, end) -> {
                RecordEncoder encoder = dt.encoder(slot);
                encoder.begin(before[slot]);
                for (int i = start; i < end; i++) {
                    ExportRecord r = records.get(i);
                    if (r.isValid() || !skipInvalid) {
                        encoder.write(r);
                    }
                }
                encoder.end();
            });
            for (int c = 0; c < chunks; c++) {
                dt.writer.append(dt.encoder(c));
            }
        }
        dt.writer.flush();
        dt.out.flush();
        dt.dirty = false;
        return from.next(batch.lastKey(), batch.size(), written, invalid, dt.file.position(), batchStats);
    }

    /**
     * Commits the written batch: the next batch reads after its last key at once. Its checkpoint reaches the
     * store with this or a later batch's save ({@link DataTypeRun#commitWritten}); the data type's last batch
     * waits for its save here, so a failure redelivers it before the file is closed.
     *
     * @param last whether the batch was the data type's last
     */
    public void checkpoint(@Body BatchCheckpoint checkpoint, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                           @ExchangeProperty(ExportProperties.LAST_BATCH) boolean last) {
        run.current.commitWritten(checkpoint, last);
    }

    /**
     * Commits the batch whose checkpoint the status persisted (the synchronous form of {@link #checkpoint}):
     * from here on it counts, and the next batch reads after its last key.
     *
     * @param last whether the batch was the data type's last
     */
    public void commit(@Body PersistedCheckpoint checkpoint, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                       @ExchangeProperty(ExportProperties.LAST_BATCH) boolean last) {
        run.current.commit(checkpoint, last);
    }
}
