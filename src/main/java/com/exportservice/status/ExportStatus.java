package com.exportservice.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * The ExportStatus of contract section 9: an immutable snapshot, serialized with snake_case names.
 *
 * @param requestedBy    who asked for it: a token's name, {@code anonymous}, {@code cli}, {@code inbox} or {@code schedule:<id>}
 * @param elapsedSeconds since the export first started: so far while it runs, in total once it ended; null before it started
 * @param etaSeconds     estimated seconds to completion while it runs, from the smoothed rate of the current attempt;
 *                       null when not running or not known yet
 * @param attempts       1 + the number of retries and resumptions (after a restart)
 * @param warnings       what the service changed about the export and why, one line each (a batch size lowered to fit
 *                       the memory budget); empty normally
 * @param expired        the retention policy deleted its directory ({@code exporter.output.retention}); the record stays
 * @param outputFormat   json, jsonl or csv, from the request (so a history can show it without the config)
 * @param compression    whether the files go into one zip
 * @param bytes          bytes of the data files written so far (their total once completed)
 * @param node           in a cluster, the node that runs or ran it; absent (null) on a single node
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // as the service writes it; the OpenAPI schema reads it here
public record ExportStatus(String exportId, String status, Map<String, Double> progress, long currentBatch,
                           long totalBatches, long processedRecords, long totalRecords, String startTime,
                           String endTime, String errorMessage, Map<String, DataTypeStatus> dataTypeStatus,
                           String trigger, String name, String createdTime, double recordsPerSecond, String requestedBy,
                           Double elapsedSeconds, Double etaSeconds, int attempts, java.util.List<String> warnings,
                           boolean expired, String outputFormat, boolean compression, long bytes,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String node) {

    /** ExportSummary: ExportStatus without {@code data_type_status}. */
    public ExportSummary summary() {
        return new ExportSummary(exportId, status, progress, currentBatch, totalBatches, processedRecords,
                totalRecords, startTime, endTime, errorMessage, trigger, name, createdTime, recordsPerSecond, requestedBy,
                elapsedSeconds, etaSeconds, attempts, warnings, expired, outputFormat, compression, bytes, node);
    }
}
