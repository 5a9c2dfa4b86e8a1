package com.exportservice.engine;

import com.exportservice.record.ExportRecord;
import com.exportservice.request.OnInvalid;
import com.exportservice.source.Batch;
import com.exportservice.status.StatusTracker;
import com.exportservice.validation.ValidationStats;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The steps of one batch exchange ({@code batchSteps}): read by key range, validate, transform, write.
 * Each works on the batch in the body and the data type in progress; only {@link #commit}, after the
 * status persisted the checkpoint, changes the data type's committed state, so a batch that fails at
 * any step is redelivered from the start of its route and written exactly once.
 */
public final class BatchSteps {

    private final StatusTracker status;
    private final ObjectMapper mapper;

    public BatchSteps(StatusTracker status, ObjectMapper mapper) {
        this.status = status;
        this.mapper = mapper;
    }

    /** Reads the batch after the committed key (the read-ahead usually has it already). */
    public Batch read(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run, Exchange exchange) throws SQLException {
        DataTypeRun dt = run.current;
        dt.attempts++;
        exchange.setProperty(ExportProperties.BATCH_AFTER_KEY, dt.committedKey == null ? null : String.valueOf(dt.committedKey));
        exchange.setProperty(ExportProperties.BATCH_ATTEMPTS, dt.attempts);
        return dt.cursor.next(dt.committedKey);
    }

    /**
     * Validates each record of the batch against its data type.
     *
     * @throws ExportAbortedException under {@code on_invalid: fail}, naming the rule and the record id
     */
    public Batch validate(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run, Exchange exchange) {
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
        exchange.setProperty(ExportProperties.BATCH_VALIDATION, stats);
        return batch;
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
     * Appends the batch to the data type's file: the file is first cut back to the last committed offset
     * (undoing a partial earlier attempt), then written and flushed. Sets the exchange properties of the
     * checkpoint this batch leads to (counts, last key, byte offset, validation totals); the data type's
     * committed state moves on only in {@link #commit}, once the status has persisted that checkpoint.
     */
    public void write(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                      @ExchangeProperty(ExportProperties.BATCH_VALIDATION) ValidationStats batchStats, Exchange exchange) throws IOException {
        DataTypeRun dt = run.current;
        if (dt.file.position() != dt.committedBytes) {
            dt.openAt(run.config.outputFormat(), dt.context);
        }
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
        ValidationStats totals = dt.validationTotals.copy();
        totals.merge(batchStats);
        Object lastKey = batch.size() > 0 ? batch.lastKey() : dt.committedKey;
        exchange.setProperty(ExportProperties.LAST_KEY, lastKey == null ? null : String.valueOf(lastKey));
        exchange.setProperty(ExportProperties.BATCHES_DONE, dt.batches + (batch.size() > 0 ? 1 : 0));
        exchange.setProperty(ExportProperties.RECORDS_PROCESSED, dt.processed + batch.size());
        exchange.setProperty(ExportProperties.RECORDS_WRITTEN, dt.written + written);
        exchange.setProperty(ExportProperties.RECORDS_INVALID, dt.invalid + invalid);
        exchange.setProperty(ExportProperties.RECORDS_SKIPPED, dt.skipped + batch.size() - written);
        exchange.setProperty(ExportProperties.FILE_BYTES, dt.file.position());
        exchange.setProperty(ExportProperties.VALIDATION_JSON, mapper.writeValueAsString(totals.toJson()));
        exchange.setProperty(ExportProperties.BATCH_TOTALS, totals);
    }

    /**
     * Commits the batch after its checkpoint is persisted: from here on it counts, and the next batch
     * reads after its last key. Decides whether another batch follows (none after a cancel request or
     * when the service is stopping).
     */
    public void commit(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                       @ExchangeProperty(ExportProperties.BATCH_TOTALS) ValidationStats totals, Exchange exchange) {
        DataTypeRun dt = run.current;
        if (batch.size() > 0) {
            dt.committedKey = batch.lastKey();
        }
        dt.batches = exchange.getProperty(ExportProperties.BATCHES_DONE, Long.class);
        dt.processed = exchange.getProperty(ExportProperties.RECORDS_PROCESSED, Long.class);
        dt.written = exchange.getProperty(ExportProperties.RECORDS_WRITTEN, Long.class);
        dt.invalid = exchange.getProperty(ExportProperties.RECORDS_INVALID, Long.class);
        dt.skipped = exchange.getProperty(ExportProperties.RECORDS_SKIPPED, Long.class);
        dt.committedBytes = exchange.getProperty(ExportProperties.FILE_BYTES, Long.class);
        dt.validationTotals = totals;
        dt.attempts = 0;
        boolean stop = status.isCancelRequested(run.exportId) || status.isShuttingDown();
        exchange.setProperty(ExportProperties.MORE_BATCHES, !batch.complete() && !stop);
        exchange.removeProperty(ExportProperties.BATCH_VALIDATION);
        exchange.removeProperty(ExportProperties.BATCH_TOTALS);
    }
}
