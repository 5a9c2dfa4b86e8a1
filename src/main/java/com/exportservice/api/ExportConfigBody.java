package com.exportservice.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The ExportConfig of a request as the OpenAPI document describes it (contract section 4). Requests are
 * read by {@code request.ExportConfigParser}, not bound to this type; {@code ApiDocumentTest} checks that its
 * fields are the parser's.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "ExportConfig", description = "An export request. Unknown top-level fields are an error (400 invalid_export_config).")
public record ExportConfigBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Declared data types, distinct, at least one", example = "[\"logs\"]")
        List<String> dataTypes,
        @Schema(description = "Inclusive start: ISO-8601 date-time or date (UTC when no offset); absent: no bound", example = "2026-11-01T00:00:00Z")
        String startDate,
        @Schema(description = "Exclusive end, as start_date", example = "2026-11-08")
        String endDate,
        @Schema(description = "Field name to condition: a scalar (equals), an array (any of), or an object of operators "
                + "eq ne gt gte lt lte in contains starts_with is_null", example = "{\"level\": [\"ERROR\", \"FATAL\"], \"message\": {\"contains\": \"timeout\"}}")
        Map<String, Object> filters,
        @Schema(description = "Records per batch, 1 to 100000", defaultValue = "1000", minimum = "1", maximum = "100000")
        Integer batchSize,
        @Schema(description = "Each record carries metadata and context", defaultValue = "true")
        Boolean includeMetadata,
        @Schema(allowableValues = {"json", "jsonl", "csv"}, defaultValue = "json")
        String outputFormat,
        @Schema(description = "Pack the data files, manifest and report into one zip", defaultValue = "false")
        Boolean compression,
        @Schema(description = "A label, at most 200 characters", example = "errors for ticket 4711")
        String name,
        @Schema(description = "What happens to a record that fails validation", allowableValues = {"include", "skip", "fail"}, defaultValue = "include")
        String onInvalid) {
}
