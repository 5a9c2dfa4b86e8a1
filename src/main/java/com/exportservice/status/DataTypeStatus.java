package com.exportservice.status;

/**
 * Progress of one data type of an export, as served in {@code data_type_status}. {@code records}
 * counts records written, {@code processed_records} those read (written or skipped).
 */
public record DataTypeStatus(String status, double progress, long records, long totalRecords, long batches,
                             long totalBatches, long invalidRecords, long skippedRecords, long processedRecords) {
}
