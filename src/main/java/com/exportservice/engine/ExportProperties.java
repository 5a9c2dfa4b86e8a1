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
    /** Validation counts of the batch in flight; added to the totals by the checkpoint it leads to. */
    public static final String BATCH_VALIDATION = "batchValidation";
    /** Whether the batch in flight is its data type's last (no rows after it up to the high-water mark). */
    public static final String LAST_BATCH = "lastBatch";
    /** Cluster mode: the {@link com.exportservice.status.Partition} a partition worker's exchange runs. */
    public static final String PARTITION = "partition";
    /** The export's trigger: http, file, schedule or cli. */
    public static final String TRIGGER = "trigger";

    private ExportProperties() {
    }
}
