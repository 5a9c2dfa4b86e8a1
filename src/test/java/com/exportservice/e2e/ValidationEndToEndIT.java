package com.exportservice.e2e;

import com.exportservice.config.EmbeddedDatabases;
import com.exportservice.demo.DemoData;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation and transformation end to end on the demo data, whose imperfections are known by id:
 * the report's counts are exact, and on_invalid include / skip / fail behave as the contract says.
 */
class ValidationEndToEndIT {
    private static final int ROWS = 2500;

    @TempDir
    static Path workingDir;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", String.valueOf(ROWS)));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void should_report_the_demo_data_imperfections_with_exact_counts() throws Exception {
        // the demo rows only (another test adds rows above them)
        String id = service.startExport("{\"data_types\":[\"logs\",\"events\",\"metrics\"],\"output_format\":\"jsonl\","
                + "\"batch_size\":400,\"filters\":{\"id\":{\"lte\":" + ROWS + "}}}");
        JsonNode status = service.awaitFinished(id);
        assertThat(status.path("status").asText()).isEqualTo("completed");

        JsonNode report = service.json(service.get("/api/exports/" + id + "/validation"));
        JsonNode onDisk = service.mapper.readTree(service.exportDir(id).resolve("validation-report.json").toFile());
        assertThat(onDisk).isEqualTo(report);
        assertThat(report.path("export_id").asText()).isEqualTo(id);
        for (String type : List.of("logs", "events", "metrics")) {
            JsonNode t = report.path("data_types").path(type);
            int invalid = DemoData.expectedInvalidRecords(type, ROWS);
            assertThat(t.path("records").asLong()).as(type).isEqualTo(ROWS);
            assertThat(t.path("invalid").asLong()).as(type).isEqualTo(invalid);
            assertThat(t.path("valid").asLong()).as(type).isEqualTo(ROWS - invalid);
            assertThat(status.path("data_type_status").path(type).path("invalid_records").asLong()).isEqualTo(invalid);
            Map<String, Integer> failures = new HashMap<>();
            for (JsonNode rule : t.path("rules")) {
                if (rule.path("failures").asInt() > 0) {
                    failures.put(rule.path("rule").asText(), rule.path("failures").asInt());
                }
                assertThat(rule.path("example_ids").size()).isLessThanOrEqualTo(10).isLessThanOrEqualTo(rule.path("failures").asInt());
            }
            assertThat(failures).as(type).isEqualTo(DemoData.expectedRuleFailures(type, ROWS));
            // about 1% of the rows fail consistency (enum, timestamp range) or accuracy (pattern, json) rules;
            // completeness also counts the optional fields the demo data leaves empty
            assertThat(t.path("quality").path("consistency").asDouble()).isBetween(0.99, 1.0);
            assertThat(t.path("quality").path("accuracy").asDouble()).isBetween(0.99, 1.0);
            assertThat(t.path("quality").path("completeness").asDouble()).isBetween(0.5, 1.0);
            long flagged = Files.readAllLines(service.exportDir(id).resolve(type + ".jsonl")).stream()
                    .filter(line -> line.contains("\"validation_errors\"")).count();
            assertThat(flagged).as(type).isEqualTo(invalid);
        }
        JsonNode firstLog = service.mapper.readTree(Files.readAllLines(service.exportDir(id).resolve("logs.jsonl")).get(0));
        assertThat(firstLog.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(firstLog.path("context").path("data_type").asText()).isEqualTo("logs");
        assertThat(firstLog.path("context").path("export_id").asText()).isEqualTo(id);
        assertThat(firstLog.path("metadata").isObject()).isTrue();
    }

    @Test
    void should_leave_invalid_records_out_with_on_invalid_skip() throws Exception {
        String id = service.startExport("{\"data_types\":[\"events\"],\"output_format\":\"jsonl\",\"on_invalid\":\"skip\",\"include_metadata\":false}");
        JsonNode status = service.awaitFinished(id);

        int invalid = DemoData.expectedInvalidRecords("events", ROWS);
        JsonNode events = status.path("data_type_status").path("events");
        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(events.path("records").asLong()).isEqualTo(ROWS - invalid);
        assertThat(events.path("skipped_records").asLong()).isEqualTo(invalid);
        assertThat(status.path("processed_records").asLong()).isEqualTo(status.path("total_records").asLong()).isEqualTo(ROWS);
        List<String> lines = Files.readAllLines(service.exportDir(id).resolve("events.jsonl"));
        assertThat(lines).hasSize(ROWS - invalid);
        JsonNode first = service.mapper.readTree(lines.get(0));
        assertThat(first.has("context")).isFalse();
        assertThat(first.has("metadata")).isFalse();
    }

    @Test
    void should_fail_the_export_naming_rule_and_record_with_on_invalid_fail() throws Exception {
        String id = service.startExport("{\"data_types\":[\"metrics\",\"logs\"],\"output_format\":\"csv\",\"on_invalid\":\"fail\"}");
        JsonNode status = service.awaitFinished(id);

        assertThat(status.path("status").asText()).isEqualTo("failed");
        // metrics row 37 has unit SECONDS, the first invalid record of the first data type
        assertThat(status.path("error_message").asText()).contains("enum:unit").contains("record 37 of metrics");
        try (var files = Files.list(service.exportDir(id))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).doesNotContain("metrics.csv", "logs.csv");
        }
    }

    @Test
    void should_guard_formula_like_csv_cells_and_keep_negative_numbers() throws Exception {
        // given: rows whose text starts like a spreadsheet formula
        try (Connection c = DriverManager.getConnection(EmbeddedDatabases.sourceUrl(workingDir), EmbeddedDatabases.DEFAULT_USER,
                EmbeddedDatabases.DEFAULT_PASSWORD);
             PreparedStatement ps = c.prepareStatement("INSERT INTO \"METRICS\" (\"ID\", \"RECORDED_AT\", \"NAME\", \"VALUE\", \"UNIT\", \"HOST\", \"TAGS\")"
                     + " VALUES (?, CURRENT_TIMESTAMP, 'disk.free', -42.5, 'BYTES', ?, NULL)")) {
            // (a leading tab or CR cannot reach a cell: string values are trimmed; the writer tests cover them)
            String[] hosts = {"=HYPERLINK(\"http://x\")", "+cmd", "-rm", "@sum"};
            for (int i = 0; i < hosts.length; i++) {
                ps.setLong(1, 1_000_000 + i);
                ps.setString(2, hosts[i]);
                ps.executeUpdate();
            }
        }
        String id = service.startExport("{\"data_types\":[\"metrics\"],\"output_format\":\"csv\",\"filters\":{\"id\":{\"gte\":1000000}}}");
        assertThat(service.awaitFinished(id).path("status").asText()).isEqualTo("completed");

        try (Reader in = Files.newBufferedReader(service.exportDir(id).resolve("metrics.csv"), StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            List<CSVRecord> records = p.getRecords();
            assertThat(records).extracting(r -> r.get("host"))
                    .containsExactly("'=HYPERLINK(\"http://x\")", "'+cmd", "'-rm", "'@sum");
            assertThat(records).extracting(r -> r.get("value")).containsOnly("-42.5");
        }
    }
}
