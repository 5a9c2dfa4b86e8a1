package com.exportservice.engine;

/**
 * Names of the exchange properties the export routes carry, defined once and used verbatim in the
 * YAML routes ({@code ${exchangeProperty.exportId}}) and in bean parameter bindings.
 */
public final class ExportProperties {
    /** Id of the export the exchange belongs to. */
    public static final String EXPORT_ID = "exportId";
    /** The {@link ExportRun}: per-run context (config, open files, cursors), confined to the run's thread. */
    public static final String EXPORT_RUN = "exportRun";
    /** Data type of the current batch. */
    public static final String DATA_TYPE = "dataType";
    /** Exclusive lower key bound of the current batch (text form; null for the first). */
    public static final String BATCH_AFTER_KEY = "batchAfterKey";
    /** Attempts at the current batch so far (1 + redeliveries). */
    public static final String BATCH_ATTEMPTS = "batchAttempts";
    /** Key of the last record written so far for the data type (text form): the checkpoint key. */
    public static final String LAST_KEY = "lastKey";
    /** Records of the data type read so far (written + skipped). */
    public static final String RECORDS_PROCESSED = "recordsProcessed";
    /** Records of the data type written so far. */
    public static final String RECORDS_WRITTEN = "recordsWritten";
    /** Records of the data type that failed validation so far. */
    public static final String RECORDS_INVALID = "recordsInvalid";
    /** Records of the data type left out by {@code on_invalid: skip} so far. */
    public static final String RECORDS_SKIPPED = "recordsSkipped";
    /** Non-empty batches of the data type finished so far. */
    public static final String BATCHES_DONE = "batchesDone";
    /** Size of the data file after the last batch was flushed: the checkpoint's byte offset. */
    public static final String FILE_BYTES = "fileBytes";
    /** The data type's validation totals as JSON (persisted with the checkpoint). */
    public static final String VALIDATION_JSON = "validationJson";
    /** Validation counts of the batch in flight; merged into the totals only when the batch commits. */
    public static final String BATCH_VALIDATION = "batchValidation";
    /** The data type's validation totals including the batch in flight, committed with it. */
    public static final String BATCH_TOTALS = "batchTotals";
    /** Whether the current data type has more batches to read. */
    public static final String MORE_BATCHES = "moreBatches";
    /** The export's trigger: http, file, schedule or cli. */
    public static final String TRIGGER = "trigger";

    private ExportProperties() {
    }
}
