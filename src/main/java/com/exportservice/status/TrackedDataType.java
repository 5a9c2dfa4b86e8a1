package com.exportservice.status;

/**
 * The mutable, persisted progress of one data type of an export, including its checkpoint: the last
 * key written and the records and bytes of the data file up to it. Guarded by the owning
 * {@link StatusTracker}'s lock.
 */
final class TrackedDataType {
    final String dataType;
    final int position;
    /** Incremental exports only: rows with keys at or below it are not exported (null: from the start). */
    final String startAfterKey;
    ExportState status = ExportState.PENDING;
    boolean planned;
    long totalRecords;
    long totalBatches;
    String highWaterMark;
    String lastKey;
    long records;
    long invalidRecords;
    long skippedRecords;
    long processedRecords;
    long batches;
    long bytes;
    String fileName;
    String sha256;
    String validationJson;

    TrackedDataType(String dataType, int position, String startAfterKey) {
        this.dataType = dataType;
        this.position = position;
        this.startAfterKey = startAfterKey;
    }

    double progress() {
        if (status == ExportState.COMPLETED || (planned && totalRecords == 0)) {
            return 100.0;
        }
        if (totalRecords == 0) {
            return 0.0;
        }
        return Math.min(100.0, Math.round(processedRecords * 1000.0 / totalRecords) / 10.0);
    }

    DataTypeStatus snapshot() {
        return new DataTypeStatus(status.jsonName(), progress(), records, totalRecords, batches, totalBatches,
                invalidRecords, skippedRecords, processedRecords);
    }
}
