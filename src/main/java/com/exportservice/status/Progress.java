package com.exportservice.status;

import java.time.Duration;
import java.util.List;

/**
 * What one persisted checkpoint adds to the data type's previous one: records written, invalid and
 * skipped, bytes of the data file. Taken between persisted checkpoints, so a batch redelivered after its
 * checkpoint was saved adds nothing the second time. A checkpoint is saved at most every so often, not
 * per batch, so one may add several batches.
 *
 * @param batchDurations the time each batch it adds took, from the previous batch's commit (or the data
 *                       type's opening) to its own; empty when it adds no batch (the footer written when a
 *                       data type completes, a batch saved again)
 */
public record Progress(String exportId, String dataType, long records, long invalid, long skipped, long bytes,
                       List<Duration> batchDurations) {

    public Progress {
        batchDurations = List.copyOf(batchDurations);
    }

    /** The increments from {@code before} to {@code after}, none negative (a data type started over adds nothing until it passes its old counts). */
    static Progress between(BatchCheckpoint before, BatchCheckpoint after, List<Duration> batchDurations) {
        return new Progress(after.exportId(), after.dataType(), Math.max(0, after.written() - before.written()),
                Math.max(0, after.invalid() - before.invalid()), Math.max(0, after.skipped() - before.skipped()),
                Math.max(0, after.fileBytes() - before.fileBytes()), after.batches() > before.batches() ? batchDurations : List.of());
    }
}
