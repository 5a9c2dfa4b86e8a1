package com.exportservice.status;

import com.exportservice.validation.ValidationStats;

import java.util.Objects;

/**
 * Where one data type of an export stands after its last committed batch: what a resumed export
 * continues from. The write step produces the next one, the status bean persists it
 * ({@link StatusTracker#persist}), and only then does the commit step apply it.
 *
 * <p>Immutable: the validation totals are copied in and out.
 *
 * @param lastKey    key of the last record written, as read from the source (its text form when read back
 *                   from the store); the start-after key of an incremental export, or null, before any row
 * @param batches    non-empty batches written
 * @param processed  records read: written, or left out by {@code on_invalid: skip}
 * @param written    records written to the data file
 * @param invalid    records that failed validation
 * @param fileBytes  bytes of the data file up to this checkpoint: a resumed export cuts the file back to them
 * @param validation the data type's validation totals; null until the first batch committed
 */
public record BatchCheckpoint(String exportId, String dataType, Object lastKey, long batches, long processed,
                              long written, long invalid, long fileBytes, ValidationStats validation) {

    public BatchCheckpoint {
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(dataType, "dataType");
        if (batches < 0 || processed < 0 || written < 0 || invalid < 0 || fileBytes < 0 || written > processed) {
            throw new IllegalArgumentException("inconsistent counts: batches " + batches + ", processed " + processed
                    + ", written " + written + ", invalid " + invalid + ", bytes " + fileBytes);
        }
        validation = validation == null ? null : validation.copy();
    }

    /** A data type before its first batch: nothing read, the file holding {@code fileBytes} (its header). */
    public static BatchCheckpoint start(String exportId, String dataType, Object startAfterKey, long fileBytes) {
        return new BatchCheckpoint(exportId, dataType, startAfterKey, 0, 0, 0, 0, fileBytes, null);
    }

    /**
     * The checkpoint one more batch leads to.
     *
     * @param batchLastKey    key of the batch's last record (ignored when it read nothing)
     * @param read            records the batch read
     * @param batchWritten    of those, written to the file
     * @param batchInvalid    of those, failed validation
     * @param fileBytes       size of the data file after the batch was flushed
     * @param batchValidation the batch's validation counts, added to the totals
     */
    public BatchCheckpoint next(Object batchLastKey, long read, long batchWritten, long batchInvalid, long fileBytes,
                                ValidationStats batchValidation) {
        ValidationStats totals = validation == null ? new ValidationStats() : validation.copy();
        totals.merge(batchValidation);
        return new BatchCheckpoint(exportId, dataType, read > 0 ? batchLastKey : lastKey, batches + (read > 0 ? 1 : 0),
                processed + read, written + batchWritten, invalid + batchInvalid, fileBytes, totals);
    }

    /** The same checkpoint at another key (a key read back from the store as text, restored to its type). */
    public BatchCheckpoint withLastKey(Object key) {
        return new BatchCheckpoint(exportId, dataType, key, batches, processed, written, invalid, fileBytes, validation);
    }

    /** The same checkpoint at the end of the complete file (footer included). */
    public BatchCheckpoint withFileBytes(long bytes) {
        return new BatchCheckpoint(exportId, dataType, lastKey, batches, processed, written, invalid, bytes, validation);
    }

    /** Records left out by {@code on_invalid: skip}. */
    public long skipped() {
        return processed - written;
    }

    /** A copy of the validation totals (null until the first batch committed). */
    @Override
    public ValidationStats validation() {
        return validation == null ? null : validation.copy();
    }

    /** The validation totals as persisted (JSON), or null. */
    public String validationJson() {
        return validation == null ? null : validation.toJson().toString();
    }

    /** The last key as persisted (text), or null. */
    public String lastKeyText() {
        return lastKey == null ? null : String.valueOf(lastKey);
    }
}
