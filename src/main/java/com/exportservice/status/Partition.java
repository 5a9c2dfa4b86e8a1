package com.exportservice.status;

/**
 * One key-range partition of a large data type in a cluster (docs/cluster.md, "One big export on many nodes"):
 * the rows with a key in {@code (afterKey, toKey]}, exported by whichever node claimed it into a part file of
 * its own, with its own checkpoint.
 *
 * @param number     0, 1, … in key order
 * @param afterKey   the key the partition starts after (text, as persisted), or null for the first partition of
 *                   a data type exported from its start
 * @param toKey      the partition's last key (inclusive), as text
 * @param epoch      the claim this copy of the row was read with: every write of its owner is conditional on it
 * @param status     {@code pending}, {@code running}, {@code committed} or {@code failed}
 * @param checkpoint where the partition stands: last key, counts, bytes of its part file
 * @param error      why it failed, or null
 */
public record Partition(String exportId, String dataType, int number, String afterKey, String toKey, long epoch,
                        String status, BatchCheckpoint checkpoint, String error) {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String COMMITTED = "committed";
    public static final String FAILED = "failed";

    /** A name for logs: {@code exp-… logs #2}. */
    public String label() {
        return exportId + " " + dataType + " #" + number;
    }
}
