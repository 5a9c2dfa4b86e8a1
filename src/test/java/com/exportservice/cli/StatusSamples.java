package com.exportservice.cli;

import com.exportservice.status.ExportStatus;

import java.util.Map;

/** ExportStatus snapshots for the progress tests: only the fields the views read vary. */
final class StatusSamples {
    private StatusSamples() {
    }

    static ExportStatus status(String state, long processed, long total, double recordsPerSecond) {
        return status(state, processed, total, recordsPerSecond, null, null, null);
    }

    static ExportStatus status(String state, long processed, long total, double recordsPerSecond,
                               String startTime, String endTime, String errorMessage) {
        return new ExportStatus("exp-1", state, Map.of("logs", total == 0 ? 0.0 : 100.0 * processed / total), 0, 0,
                processed, total, startTime, endTime, errorMessage, Map.of(), "cli", null,
                "2026-11-26T04:13:03.123Z", recordsPerSecond, "cli", null, null, 1, java.util.List.of(), false, "json", false, 0, null);
    }
}
