package com.exportservice.record;

/**
 * What every record of one data type in one export shares: written into each record's
 * {@code context} object (plus {@code validation_errors} for an invalid record).
 *
 * @param exportedAt ISO-8601 UTC with milliseconds, the export's start
 */
public record RecordContext(String dataType, String exportId, String exportedAt, boolean includeMetadata) {
}
