package com.exportservice.engine;

import com.exportservice.record.ExportRecord;
import com.exportservice.request.OnInvalid;
import com.exportservice.source.Batch;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.PersistedCheckpoint;
import com.exportservice.validation.ValidationStats;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The steps of one batch exchange ({@code batchSteps}): read a key range, validate, transform, write.
 * Each works on the batch in the body and the data type in progress; only {@link #commit}, given the
 * checkpoint the status persisted, moves the data type's committed state, so a batch that fails at any
 * step is redelivered from the start of its route and written exactly once.
 */
public final class BatchSteps {

    /**
     * Reads the batch of a key range (the read-ahead usually has it already). Notes on the exchange, for
     * the dead-letter record and the commit: the range, the attempt, and whether it is the data type's last.
     */
    public Batch read(@Body BatchRange range, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                      Exchange exchange) throws SQLException {
        Integer before = exchange.getProperty(ExportProperties.BATCH_ATTEMPTS, Integer.class);
        exchange.setProperty(ExportProperties.BATCH_ATTEMPTS, before == null ? 1 : before + 1);
        exchange.setProperty(ExportProperties.BATCH_AFTER_KEY, range.afterKey() == null ? null : String.valueOf(range.afterKey()));
        Batch batch = run.current.cursor.next(range.afterKey());
        exchange.setProperty(ExportProperties.LAST_BATCH, batch.complete());
        return batch;
    }

    /**
     * Validates each record of the batch against its data type (setting its validation errors) and
     * returns the batch's validation counts.
     *
     * @throws ExportAbortedException under {@code on_invalid: fail}, naming the rule and the record id
     */
    public ValidationStats validate(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) {
        DataTypeRun dt = run.current;
        ValidationStats stats = new ValidationStats();
        boolean failOnInvalid = run.config.onInvalid() == OnInvalid.FAIL;
        for (ExportRecord r : batch.records()) {
            dt.validator.validate(r, stats);
            if (failOnInvalid && !r.isValid()) {
                throw new ExportAbortedException("record " + r.key() + " of " + batch.dataType()
                        + " failed validation (on_invalid: fail): " + String.join(", ", r.validationErrors()));
            }
        }
        return stats;
    }

    /** Transforms the records that will be written (UTC timestamps, clean text, metadata). */
    public Batch transform(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) {
        DataTypeRun dt = run.current;
        boolean skipInvalid = run.config.onInvalid() == OnInvalid.SKIP;
        for (ExportRecord r : batch.records()) {
            if (!(skipInvalid && !r.isValid())) {
                dt.transformer.transform(r);
            }
        }
        return batch;
    }

    /**
     * Appends the batch to the data type's file at the committed checkpoint (a partial earlier attempt is
     * cut off first), flushes it, and returns the checkpoint this batch leads to. Nothing of the data
     * type's committed state changes here.
     */
    public BatchCheckpoint write(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                                 @ExchangeProperty(ExportProperties.BATCH_VALIDATION) ValidationStats batchStats) throws IOException {
        // a node that lost the export (taken over, lease run out) writes not one more byte for it
        run.ownership.run();
        DataTypeRun dt = run.current;
        BatchCheckpoint from = dt.committed();
        if (dt.dirty || dt.file.position() != from.fileBytes()) {
            dt.reopen();
        }
        dt.dirty = true;
        boolean skipInvalid = run.config.onInvalid() == OnInvalid.SKIP;
        long written = 0;
        long invalid = 0;
        for (ExportRecord r : batch.records()) {
            boolean valid = r.isValid();
            if (!valid) {
                invalid++;
            }
            if (valid || !skipInvalid) {
                dt.writer.write(r);
                written++;
            }
        }
        dt.writer.flush();
        dt.out.flush();
        dt.dirty = false;
        return from.next(batch.lastKey(), batch.size(), written, invalid, dt.file.position(), batchStats);
    }

    /**
     * Commits the batch whose checkpoint the status persisted: from here on it counts, and the next batch
     * reads after its last key.
     *
     * @param last whether the batch was the data type's last
     */
    public void commit(@Body PersistedCheckpoint checkpoint, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                       @ExchangeProperty(ExportProperties.LAST_BATCH) boolean last) {
        run.current.commit(checkpoint, last);
    }
}
