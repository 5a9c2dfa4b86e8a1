package com.exportservice.status;

/**
 * The mutable, persisted progress of one data type of an export: plan, state, the checkpoint of its
 * last committed batch and, once complete, its file. Guarded by the owning {@link StatusTracker}'s lock.
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
    BatchCheckpoint checkpoint;
    String fileName;
    String sha256;
    /** When it first started and when it completed (persisted; null before / while running). */
    java.time.Instant startTime;
    java.time.Instant endTime;
    /** When its last batch committed, or it opened (memory only: the batch-duration metric). */
    java.time.Instant lastCommit;

    TrackedDataType(String exportId, String dataType, int position, String startAfterKey) {
        this.dataType = dataType;
        this.position = position;
        this.startAfterKey = startAfterKey;
        this.checkpoint = BatchCheckpoint.start(exportId, dataType, startAfterKey, 0);
    }

    double progress() {
        if (status == ExportState.COMPLETED || (planned && totalRecords == 0)) {
            return 100.0;
        }
        if (totalRecords == 0) {
            return 0.0;
        }
        return Math.min(100.0, Math.round(checkpoint.processed() * 1000.0 / totalRecords) / 10.0);
    }

    /**
     * @param until when its time stops counting if it has not completed: now while the export runs, else the
     *              export's end
     */
    DataTypeStatus snapshot(Double etaSeconds, java.time.Instant until) {
        BatchCheckpoint cp = checkpoint;
        java.time.Instant end = endTime != null ? endTime : until;
        Double elapsed = startTime == null || end == null ? null : StateStore.seconds(startTime, end);
        return new DataTypeStatus(status.jsonName(), progress(), cp.written(), totalRecords, cp.batches(), totalBatches,
                cp.invalid(), cp.skipped(), cp.processed(), etaSeconds, elapsed);
    }

    /** Records still to read (none once complete). */
    long remaining() {
        return status == ExportState.COMPLETED ? 0 : Math.max(0, totalRecords - checkpoint.processed());
    }

    DataTypeCheckpoint toCheckpoint() {
        return new DataTypeCheckpoint(dataType, startAfterKey, status, planned, totalRecords, highWaterMark, checkpoint,
                fileName, sha256);
    }
}
