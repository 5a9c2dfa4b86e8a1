package com.exportservice.status;

import java.util.Map;

/**
 * The ExportStatus of contract section 9: an immutable snapshot, serialized with snake_case names.
 *
 * @param requestedBy who asked for it: a token's name, {@code anonymous}, {@code cli}, {@code inbox} or {@code schedule:<id>}
 * @param warnings    what the service changed about the export and why, one line each (a batch size lowered to fit
 *                    the memory budget); empty normally
 * @param expired     the retention policy deleted its directory ({@code exporter.output.retention}); the record stays
 */
public record ExportStatus(String exportId, String status, Map<String, Double> progress, long currentBatch,
                           long totalBatches, long processedRecords, long totalRecords, String startTime,
                           String endTime, String errorMessage, Map<String, DataTypeStatus> dataTypeStatus,
                           String trigger, String name, String createdTime, double recordsPerSecond, String requestedBy,
                           java.util.List<String> warnings, boolean expired) {

    /** ExportSummary: ExportStatus without {@code data_type_status}. */
    public ExportSummary summary() {
        return new ExportSummary(exportId, status, progress, currentBatch, totalBatches, processedRecords,
                totalRecords, startTime, endTime, errorMessage, trigger, name, createdTime, recordsPerSecond, requestedBy,
                warnings, expired);
    }
}
