package com.exportservice.output;

import com.exportservice.time.Timestamps;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * The content of {@code manifest.json}, with exactly the keys of contract section 10.
 *
 * @param createdTime   ISO-8601 UTC ({@link Timestamps})
 * @param completedTime ISO-8601 UTC, or null while not completed
 * @param config        the export's config as given by the caller
 */
@JsonPropertyOrder({"export_id", "status", "created_time", "completed_time", "config", "files", "totals"})
public record Manifest(
        @JsonProperty("export_id") String exportId,
        @JsonProperty("status") String status,
        @JsonProperty("created_time") String createdTime,
        @JsonProperty("completed_time") String completedTime,
        @JsonProperty("config") JsonNode config,
        @JsonProperty("files") List<FileEntry> files,
        @JsonProperty("totals") Totals totals) {

    public Manifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A manifest whose times are formatted with {@link Timestamps} and whose totals are summed from the files. */
    public static Manifest of(String exportId, String status, Instant createdTime, Instant completedTime,
                              JsonNode config, List<FileEntry> files) {
        return new Manifest(exportId, status, Timestamps.format(createdTime), Timestamps.format(completedTime),
                config, files, Totals.of(files));
    }

    /**
     * One data file.
     *
     * @param name          file name within the export directory
     * @param records       records written
     * @param bytes         file size
     * @param sha256        lower-case hex ({@link Sha256#hex})
     * @param highWaterMark the id-column bound taken at the start: a JSON scalar (number, string,
     *                      boolean) or null; any other value is kept as its text
     * @param invalidRecords records that failed validation
     */
    @JsonPropertyOrder({"name", "data_type", "records", "bytes", "sha256", "high_water_mark", "invalid_records"})
    public record FileEntry(
            @JsonProperty("name") String name,
            @JsonProperty("data_type") String dataType,
            @JsonProperty("records") long records,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("high_water_mark") Object highWaterMark,
            @JsonProperty("invalid_records") long invalidRecords) {

        public FileEntry {
            if (highWaterMark != null && !(highWaterMark instanceof Number || highWaterMark instanceof String
                    || highWaterMark instanceof Boolean)) {
                // e.g. a timestamp key: Jackson would otherwise write it as an object or fail
                highWaterMark = highWaterMark.toString();
            }
        }
    }

    /** Sums over all files. */
    @JsonPropertyOrder({"records", "invalid_records", "bytes"})
    public record Totals(
            @JsonProperty("records") long records,
            @JsonProperty("invalid_records") long invalidRecords,
            @JsonProperty("bytes") long bytes) {

        public static Totals of(List<FileEntry> files) {
            long records = 0;
            long invalid = 0;
            long bytes = 0;
            if (files != null) {
                for (FileEntry f : files) {
                    records += f.records();
                    invalid += f.invalidRecords();
                    bytes += f.bytes();
                }
            }
            return new Totals(records, invalid, bytes);
        }
    }
}
