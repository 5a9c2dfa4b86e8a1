package com.exportservice.source;

import com.exportservice.config.DataType;

import java.util.List;

/**
 * The prepared reading of one data type for one export: SQL text built once from the definition and
 * the request, the filter parameters, and how to read each column. Immutable; shared by all batches.
 */
public record BatchQuery(DataType type, String firstSql, String nextSql, List<Object> filterParams,
                         ColumnReader[] readers, ColumnReader keyReader, int keyColumn, int batchSize,
                         Object highWaterMark) {

    /** The same query with another batch size (previews read a handful of rows). */
    public BatchQuery withBatchSize(int size) {
        return new BatchQuery(type, firstSql, nextSql, filterParams, readers, keyReader, keyColumn, size, highWaterMark);
    }
}
