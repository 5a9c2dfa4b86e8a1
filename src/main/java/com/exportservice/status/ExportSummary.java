package com.exportservice.status;

import java.util.Map;

/** ExportStatus without {@code data_type_status} (contract section 9), used in listings, events and notifications. */
public record ExportSummary(String exportId, String status, Map<String, Double> progress, long currentBatch,
                            long totalBatches, long processedRecords, long totalRecords, String startTime,
                            String endTime, String errorMessage, String trigger, String name, String createdTime,
                            double recordsPerSecond, String requestedBy, Double elapsedSeconds, Double etaSeconds,
                            int attempts) {
}
