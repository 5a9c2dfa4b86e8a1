package com.exportservice.source;

/**
 * What planning found for one data type of an export: the rows to export and the key range they lie in.
 * Taken once, when the export starts, and persisted: a resumed export keeps its plan.
 *
 * @param totalRecords  rows matching the request with a key at or below the high-water mark
 * @param highWaterMark the largest key of the source when the export started (null: source empty)
 */
public record DataTypePlan(String dataType, long totalRecords, Object highWaterMark) {

    /** Batches needed at this batch size (0 for an empty data type). */
    public long totalBatches(int batchSize) {
        return (totalRecords + batchSize - 1) / batchSize;
    }
}
