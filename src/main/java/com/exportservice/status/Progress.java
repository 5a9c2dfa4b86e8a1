package com.exportservice.status;

import java.time.Duration;

/**
 * What one persisted checkpoint adds to the data type's previous one: records written, invalid and
 * skipped, bytes of the data file. Taken between persisted checkpoints, so a batch redelivered after its
 * checkpoint was saved adds nothing the second time.
 *
 * @param batchDuration time from the previous batch's commit (or the data type's opening) to this one's;
 *                      null when this adds no batch (the footer written when a data type completes, a
 *                      batch saved again)
 */
public record Progress(String exportId, String dataType, long records, long invalid, long skipped, long bytes,
                       Duration batchDuration) {

    /** The increments from {@code before} to {@code after}, none negative (a data type started over adds nothing until it passes its old counts). */
    static Progress between(BatchCheckpoint before, BatchCheckpoint after, Duration batchDuration) {
        return new Progress(after.exportId(), after.dataType(), Math.max(0, after.written() - before.written()),
                Math.max(0, after.invalid() - before.invalid()), Math.max(0, after.skipped() - before.skipped()),
                Math.max(0, after.fileBytes() - before.fileBytes()), after.batches() > before.batches() ? batchDuration : null);
    }
}
