package com.exportservice.status;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One run of an export ({@code GET /api/exports/{id}/attempts}): the first start, a retry asked for by a
 * person, or a resumption after the service restarted.
 *
 * @param attempt          1 for the first run, counting up as {@code attempts} in the ExportStatus
 * @param kind             {@code start}, {@code retry} or {@code resume}
 * @param status           {@code running}, {@code completed}, {@code failed}, {@code cancelled}, or {@code interrupted}
 *                         (the service stopped during it and the next attempt resumed)
 * @param endTime          null while running, or when interrupted
 * @param elapsedSeconds   running time of this attempt (so far, while running); null when interrupted
 * @param processedRecords records read by the end of this attempt (counted from the start of the export)
 * @param errorMessage     why it failed, one line; null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExportAttempt(int attempt, String kind, String status, String startTime, String endTime,
                            Double elapsedSeconds, long processedRecords, String errorMessage) {
}
