package com.exportservice.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** ExportStatus without {@code data_type_status} (contract section 9), used in listings, events and notifications; {@code node} only in a cluster. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // as the service writes it; the OpenAPI schema reads it here
public record ExportSummary(String exportId, String status, Map<String, Double> progress, long currentBatch,
                            long totalBatches, long processedRecords, long totalRecords, String startTime,
                            String endTime, String errorMessage, String trigger, String name, String createdTime,
                            double recordsPerSecond, String requestedBy, Double elapsedSeconds, Double etaSeconds,
                            int attempts, java.util.List<String> warnings, boolean expired,
                            String outputFormat, boolean compression, long bytes,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String node) {
}
