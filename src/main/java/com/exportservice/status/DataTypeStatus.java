package com.exportservice.status;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Progress of one data type of an export, as served in {@code data_type_status}. {@code records}
 * counts records written, {@code processed_records} those read (written or skipped).
 *
 * @param etaSeconds estimated seconds until this data type is complete (for a data type still waiting its
 *                   turn, the ones before it included), while the export runs; null when complete, not
 *                   running or not known yet
 * @param elapsedSeconds since the data type first started: so far while it runs, in total once it completed; null
 *                       before it started
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // as the service writes it; the OpenAPI schema reads it here
public record DataTypeStatus(String status, double progress, long records, long totalRecords, long batches,
                             long totalBatches, long invalidRecords, long skippedRecords, long processedRecords,
                             Double etaSeconds, Double elapsedSeconds) {
}
