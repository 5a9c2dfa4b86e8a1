package com.exportservice.source;

import com.exportservice.record.ExportRecord;

import java.util.List;

/**
 * One batch read by key range: the records with {@code afterKey < key <= lastKey} in key order.
 *
 * @param afterKey the exclusive lower bound it was read from (null: from the start)
 * @param lastKey  key of the last record (null when empty)
 * @param complete true when the data type has no rows after this batch (fewer rows than asked for,
 *                 or the high-water mark reached)
 */
public record Batch(String dataType, Object afterKey, Object lastKey, List<ExportRecord> records, boolean complete) {
    public int size() {
        return records.size();
    }
}
