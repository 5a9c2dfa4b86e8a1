package com.exportservice.status;

/**
 * Where a data type of an export stands, as persisted after its last finished batch: what a resumed
 * export continues from. {@code lastKey} and {@code highWaterMark} are the keys' text form.
 */
public record DataTypeCheckpoint(String dataType, String startAfterKey, ExportState status, boolean planned, long totalRecords,
                                 String highWaterMark, String lastKey, long records, long invalidRecords,
                                 long skippedRecords, long processedRecords, long batches, long bytes,
                                 String validationJson, String fileName, String sha256) {
}
