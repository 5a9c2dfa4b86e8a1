package com.exportservice.status;

/**
 * Where a data type of an export stands, as persisted: its plan, its state, the checkpoint of its last
 * committed batch (what a resumed export continues from) and, once complete, its file. The
 * high-water mark is the key's text form.
 */
public record DataTypeCheckpoint(String dataType, String startAfterKey, ExportState status, boolean planned,
                                 long totalRecords, String highWaterMark, BatchCheckpoint checkpoint, String fileName,
                                 String sha256) {
}
