package com.exportservice.status;

/**
 * What the store keeps of a schedule between runs.
 *
 * @param highWaterMarks JSON object data type → high-water mark of the last completed run (incremental)
 */
public record ScheduleState(String scheduleId, String highWaterMarks, String lastExportId, String lastStatus) {
}
