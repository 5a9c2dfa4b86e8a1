package com.exportservice.config;

import java.util.List;

/**
 * How many rows a batch may hold so that the batches of every running export fit the heap together.
 * A running export holds two batches (the one being written, transformed, and the one read ahead); a
 * record takes about {@code bytesPerField} per field across both (measured on the demo tables: 190-250
 * bytes per field). Together, {@code exporter.max-concurrent-exports} exports may take {@code heapShare}
 * of the JVM's maximum heap; a request for larger batches runs with the largest that fits, and says so.
 *
 * @param maxHeapBytes  the JVM's maximum heap ({@code -Xmx})
 * @param heapShare     the share of it all running exports' batches may take ({@code exporter.memory.batch-heap-share})
 * @param bytesPerField a record's estimated size per field ({@code exporter.memory.bytes-per-field})
 * @param maxConcurrent exports running at once ({@code exporter.max-concurrent-exports})
 */
public record MemoryBudget(long maxHeapBytes, double heapShare, int bytesPerField, int maxConcurrent) {
    public static final String SHARE = "exporter.memory.batch-heap-share";
    public static final String BYTES_PER_FIELD = "exporter.memory.bytes-per-field";
    private static final int MAX_BATCH_SIZE = 100_000;

    public MemoryBudget {
        if (maxHeapBytes <= 0 || heapShare <= 0 || heapShare > 1 || bytesPerField <= 0 || maxConcurrent <= 0) {
            throw new IllegalArgumentException("invalid memory budget: " + maxHeapBytes + " bytes, share " + heapShare + ", "
                    + bytesPerField + " bytes per field, " + maxConcurrent + " exports");
        }
    }

    /** The budget of this JVM's heap under the settings. */
    public static MemoryBudget of(Settings settings, int maxConcurrent) {
        return new MemoryBudget(Runtime.getRuntime().maxMemory(), share(settings),
                settings.getInt(BYTES_PER_FIELD, 16, 1_000_000), maxConcurrent);
    }

    /** The largest batch of a data type one export may read. */
    public int maxBatchSize(DataType type) {
        long perExport = (long) (maxHeapBytes * heapShare / maxConcurrent);
        long perRecord = (long) bytesPerField * Math.max(1, type.fields().size());
        return (int) Math.max(1, Math.min(MAX_BATCH_SIZE, perExport / perRecord));
    }

    /** The batch size an export of these data types runs with: the one asked for, or the largest that fits. */
    public int batchSize(int requested, List<DataType> types) {
        int size = requested;
        for (DataType t : types) {
            size = Math.min(size, maxBatchSize(t));
        }
        return size;
    }

    /** Why an export runs with smaller batches than asked for, in one line for its status. */
    public String lowered(int requested, int effective) {
        return "batch_size " + requested + " lowered to " + effective + " to fit the memory budget (" + maxHeapBytes / (1024 * 1024)
                + " MB heap, " + maxConcurrent + " concurrent export(s), " + SHARE + "=" + heapShare + "); the output is the same";
    }

    private static double share(Settings settings) {
        String v = settings.get(SHARE, "0.4");
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(SHARE + " must be a number above 0 and at most 1, got '" + v + "' (from " + settings.origin(SHARE) + ")");
    }
}
