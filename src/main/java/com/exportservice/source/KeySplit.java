package com.exportservice.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting a data type's planned key range into contiguous partitions of about equal rows (cluster mode,
 * docs/cluster.md): which rows end each partition, and the partitions' bounds once the database named those
 * rows' keys. Pure arithmetic; {@link SourceReader#splitKeys} asks the database.
 */
public final class KeySplit {
    private KeySplit() {
    }

    /**
     * The 0-based positions, in key order among the {@code rows} matching rows, of the last row of every
     * partition but the last (which ends at the high-water mark): {@code parts - 1} increasing positions,
     * fewer when there are fewer rows than parts.
     */
    public static long[] lastRowOffsets(long rows, int parts) {
        if (rows < 0 || parts < 1) {
            throw new IllegalArgumentException("rows " + rows + ", parts " + parts);
        }
        int n = (int) Math.min(parts, Math.max(rows, 1));
        long[] out = new long[n - 1];
        for (int i = 1; i < n; i++) {
            // partition i-1 holds rows [rows*(i-1)/n, rows*i/n): sizes differ by one at most
            out[i - 1] = Math.multiplyExact(rows, (long) i) / n - 1;
        }
        return out;
    }

    /**
     * The partitions' bounds as persisted: the start-after key, then each partition's last key, the last one the
     * high-water mark. Repeated keys are dropped (each partition holds at least one key), so the result may have
     * fewer partitions than asked for; keys in text form.
     *
     * @param afterKey  where the data type starts (null: at its first row)
     * @param lastKeys  the keys the database gave for {@link #lastRowOffsets}, in order
     * @param highWater the data type's high-water mark (the last partition's end)
     */
    public static List<String> bounds(Object afterKey, List<?> lastKeys, Object highWater) {
        List<String> out = new ArrayList<>();
        out.add(afterKey == null ? null : String.valueOf(afterKey));
        Object previous = afterKey;
        for (Object k : lastKeys) {
            if (k != null && !k.equals(previous) && !k.equals(highWater)) {
                out.add(String.valueOf(k));
                previous = k;
            }
        }
        out.add(String.valueOf(highWater));
        return out;
    }
}
