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
 * Each works on the batch in the body and the data type in progress; none changes the data type's
 * committed state except {@link #write}, after the batch is flushed, so a failed batch can be
 * redelivered from the start of its route and gives the same output.
 */
public final class BatchSteps {
    /** Validation counts of the batch in flight; merged into the totals only when the batch is written. */
    static final String BATCH_VALIDATION = "batchValidation";

    private final StatusTracker status;
    private final ObjectMapper mapper;

    public BatchSteps(StatusTracker status, ObjectMapper mapper) {
        this.status = status;
        this.mapper = mapper;
    }

    /** Reads the batch after the committed key (the read-ahead usually has it already). */
    public Batch read(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run, Exchange exchange) throws SQLException {
        DataTypeRun dt = run.current;
        exchange.setProperty(ExportProperties.BATCH_AFTER_KEY, dt.committedKey == null ? null : String.valueOf(dt.committedKey));
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
        exchange.setProperty(BATCH_VALIDATION, stats);
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
     * Appends the batch to the data type's file and commits it: the file is first cut back to the last
     * committed offset (undoing a partial earlier attempt), then written and flushed; only then do the
     * committed key, counts and validation totals move on. Sets the exchange properties the status
     * bean's checkpoint reads.
     */
    public void write(@Body Batch batch, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                      @ExchangeProperty(BATCH_VALIDATION) ValidationStats batchStats, Exchange exchange) throws IOException {
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
        // commit: from here on this batch counts
        dt.committedBytes = dt.file.position();
        if (batch.size() > 0) {
            dt.committedKey = batch.lastKey();
            dt.batches++;
        }
        dt.processed += batch.size();
        dt.written += written;
        dt.invalid += invalid;
        dt.skipped += batch.size() - written;
        dt.validationTotals.merge(batchStats);
        dt.complete = batch.complete();

        exchange.setProperty(ExportProperties.LAST_KEY, dt.committedKey == null ? null : String.valueOf(dt.committedKey));
        exchange.setProperty(ExportProperties.BATCHES_DONE, dt.batches);
        exchange.setProperty(ExportProperties.RECORDS_PROCESSED, dt.processed);
        exchange.setProperty(ExportProperties.RECORDS_WRITTEN, dt.written);
        exchange.setProperty(ExportProperties.RECORDS_INVALID, dt.invalid);
        exchange.setProperty(ExportProperties.RECORDS_SKIPPED, dt.skipped);
        exchange.setProperty(ExportProperties.FILE_BYTES, dt.committedBytes);
        exchange.setProperty(ExportProperties.VALIDATION_JSON, mapper.writeValueAsString(dt.validationTotals.toJson()));
        exchange.setProperty(ExportProperties.MORE_BATCHES, !dt.complete && !status.isCancelRequested(run.exportId));
        exchange.removeProperty(BATCH_VALIDATION);
    }
}
