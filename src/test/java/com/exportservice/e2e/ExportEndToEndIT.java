package com.exportservice.e2e;

import com.exportservice.config.EmbeddedDatabases;
import com.exportservice.output.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application on the embedded default: exports over HTTP, checked record by record against the
 * source database, and every error answer of the contract.
 */
class ExportEndToEndIT {
    @TempDir
    static Path workingDir;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        // a working directory holding files that must never be served
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/application.properties"), "# credentials live here: secret\nexporter.demo.rows=2500\n");
        Files.writeString(workingDir.resolve("pom.xml"), "<project/>");
        service = RunningService.start(workingDir, Map.of());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "jsonl", "csv"})
    void should_export_every_log_row_in_each_format(String format) throws Exception {
        String id = service.startExport("{\"data_types\":[\"logs\"],\"output_format\":\"" + format + "\",\"batch_size\":700}");

        JsonNode status = service.awaitFinished(id);

        assertThat(status.path("status").asText()).isEqualTo("completed");
        List<Long> expected = sourceIds("SELECT id FROM logs ORDER BY id");
        assertThat(status.path("total_records").asLong()).isEqualTo(expected.size());
        assertThat(status.path("processed_records").asLong()).isEqualTo(expected.size());
        assertThat(status.path("progress").path("logs").asDouble()).isEqualTo(100.0);
        assertThat(status.path("total_batches").asLong()).isEqualTo((expected.size() + 699) / 700);
        assertThat(status.path("current_batch").asLong()).isEqualTo(status.path("total_batches").asLong());
        Path file = service.exportDir(id).resolve("logs." + format);
        List<Long> exported = exportedIds(file, format);
        assertThat(exported).hasSameSizeAs(new HashSet<>(exported)).containsExactlyElementsOf(expected);
        JsonNode manifest = service.mapper.readTree(service.exportDir(id).resolve("manifest.json").toFile());
        JsonNode entry = manifest.path("files").get(0);
        assertThat(entry.path("name").asText()).isEqualTo("logs." + format);
        assertThat(entry.path("records").asLong()).isEqualTo(expected.size());
        assertThat(entry.path("bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(entry.path("sha256").asText()).isEqualTo(Sha256.hex(file));
        assertThat(manifest.path("totals").path("records").asLong()).isEqualTo(expected.size());
        assertThat(service.exportDir(id).resolve("validation-report.json")).exists();
    }

    @Test
    void should_export_only_matching_rows_of_several_types_into_one_zip() throws Exception {
        String id = service.startExport("{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\","
                + "\"compression\":true,\"filters\":{\"level\":[\"ERROR\",\"WARN\"]},\"batch_size\":100}");

        JsonNode status = service.awaitFinished(id);

        assertThat(status.path("status").asText()).isEqualTo("completed");
        Path dir = service.exportDir(id);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(id + ".zip", "manifest.json");
        }
        List<Long> expectedLogs = sourceIds("SELECT id FROM logs WHERE LOWER(TRIM(level)) IN ('error', 'err', 'warn', 'warning') ORDER BY id");
        List<Long> expectedEvents = sourceIds("SELECT id FROM events ORDER BY id");
        try (ZipFile zip = new ZipFile(dir.resolve(id + ".zip").toFile())) {
            assertThat(zip.getEntry("manifest.json")).isNotNull();
            assertThat(zip.getEntry("validation-report.json")).isNotNull();
            Path logs = Files.createTempFile(workingDir, "logs", ".jsonl");
            Files.copy(zip.getInputStream(zip.getEntry("logs.jsonl")), logs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path events = Files.createTempFile(workingDir, "events", ".jsonl");
            Files.copy(zip.getInputStream(zip.getEntry("events.jsonl")), events, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(exportedIds(logs, "jsonl")).containsExactlyElementsOf(expectedLogs);
            assertThat(exportedIds(events, "jsonl")).containsExactlyElementsOf(expectedEvents);
        }
        assertThat(status.path("data_type_status").path("logs").path("total_records").asLong()).isEqualTo(expectedLogs.size());
        HttpResponse<byte[]> download = service.getBytes("/api/exports/" + id + "/download");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(download.body()).isEqualTo(Files.readAllBytes(dir.resolve(id + ".zip")));
    }

    @Test
    void should_serve_files_named_in_the_manifest_only() throws Exception {
        String id = service.startExport("{\"data_types\":[\"metrics\"],\"output_format\":\"csv\"}");
        service.awaitFinished(id);

        HttpResponse<byte[]> file = service.getBytes("/api/exports/" + id + "/files/metrics.csv");
        assertThat(file.statusCode()).isEqualTo(200);
        Path onDisk = service.exportDir(id).resolve("metrics.csv");
        assertThat(file.body()).isEqualTo(Files.readAllBytes(onDisk));
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(Files.size(onDisk));
        assertThat(service.get("/api/exports/" + id + "/files/manifest.json").statusCode()).isEqualTo(200);
        assertError(service.get("/api/exports/" + id + "/files/logs.csv"), 404, "not_found");
        assertError(service.get("/api/exports/" + id + "/files/..%2F..%2Fconfig%2Fapplication.properties"), 404, "not_found");
    }

    @Test
    void should_serve_a_file_from_inside_the_zip_with_its_length_and_not_chunked() throws Exception {
        String id = service.startExport("{\"data_types\":[\"metrics\"],\"output_format\":\"csv\",\"compression\":true}");
        service.awaitFinished(id);
        byte[] expected;
        try (ZipFile zip = new ZipFile(service.exportDir(id).resolve(id + ".zip").toFile())) {
            expected = zip.getInputStream(zip.getEntry("metrics.csv")).readAllBytes();
        }

        RunningService.RawResponse file = service.getRaw("/api/exports/" + id + "/files/metrics.csv");

        assertThat(file.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        // one framing only (RFC 9112 6.3): a Content-Length beside Transfer-Encoding must be ignored by clients
        assertThat(file.header("Transfer-Encoding")).as(file.headerLines().toString()).isEmpty();
        assertThat(file.header("Content-Length")).containsExactly(String.valueOf(expected.length));
        assertThat(file.header("Content-Type")).containsExactly("text/csv; charset=utf-8");
        assertThat(file.body()).isEqualTo(expected);
    }

    @Test
    void should_write_an_empty_file_for_a_data_type_with_no_matching_row() throws Exception {
        String id = service.startExport("{\"data_types\":[\"logs\"],\"output_format\":\"json\","
                + "\"filters\":{\"message\":{\"contains\":\"no such text 50%_\"}}}");

        JsonNode status = service.awaitFinished(id);

        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("total_batches").asLong()).isZero();
        assertThat(status.path("progress").path("logs").asDouble()).isEqualTo(100.0);
        assertThat(Files.readString(service.exportDir(id).resolve("logs.json")).trim()).isEqualTo("[]");
    }

    @Test
    void should_preview_counts_and_samples_without_creating_an_export() throws Exception {
        long before = service.json(service.get("/api/exports")).path("total").asLong();

        HttpResponse<String> r = service.post("/api/exports/preview", "{\"data_types\":[\"logs\",\"metrics\"],\"filters\":{\"level\":\"WARN\"}}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = service.json(r);
        long warn = sourceIds("SELECT id FROM logs WHERE LOWER(TRIM(level)) IN ('warn', 'warning') ORDER BY id").size();
        assertThat(body.path("data_types").path("logs").path("total_records").asLong()).isEqualTo(warn);
        assertThat(body.path("data_types").path("metrics").path("total_records").asLong()).isEqualTo(2500);
        assertThat(body.path("total_records").asLong()).isEqualTo(warn + 2500);
        assertThat(body.path("sample").path("logs")).hasSize(5);
        body.path("sample").path("logs").forEach(rec -> assertThat(rec.path("level").asText()).isEqualTo("WARN"));
        assertThat(service.json(service.get("/api/exports")).path("total").asLong()).isEqualTo(before);
    }

    @Test
    void should_describe_an_export_with_its_config_files_and_validation() throws Exception {
        String id = service.startExport("{\"data_types\":[\"events\"],\"output_format\":\"csv\",\"name\":\"ticket 4711\"}");
        service.awaitFinished(id);

        JsonNode body = service.json(service.get("/api/exports/" + id));

        assertThat(body.path("name").asText()).isEqualTo("ticket 4711");
        assertThat(body.has("data_type_status")).isFalse();
        assertThat(body.path("config").path("output_format").asText()).isEqualTo("csv");
        assertThat(body.path("config").path("batch_size").asInt()).isEqualTo(1000);
        JsonNode file = body.path("files").get(0);
        assertThat(file.path("name").asText()).isEqualTo("events.csv");
        assertThat(file.path("records").asLong()).isEqualTo(2500);
        assertThat(file.path("sha256").asText()).isEqualTo(Sha256.hex(service.exportDir(id).resolve("events.csv")));
        assertThat(body.path("validation").path("data_types").path("events").path("records").asLong()).isEqualTo(2500);
        JsonNode listed = service.json(service.get("/api/exports?limit=1"));
        assertThat(listed.path("exports").get(0).has("data_type_status")).isFalse();
    }

    @Test
    void should_answer_400_listing_every_problem_of_an_invalid_request() throws Exception {
        HttpResponse<String> r = service.post("/api/exports",
                "{\"data_types\":[\"logs\",\"nope\"],\"batch_size\":0,\"output_format\":\"xml\",\"filters\":{\"levle\":\"ERROR\"},\"colour\":1}");

        JsonNode body = assertError(r, 400, "invalid_export_config");
        List<String> fields = new ArrayList<>();
        body.path("details").forEach(d -> fields.add(d.path("field").asText()));
        assertThat(fields).contains("data_types[1]", "batch_size", "output_format", "filters.levle", "colour");
    }

    @Test
    void should_answer_400_for_malformed_json() throws Exception {
        assertError(service.post("/api/exports", "{\"data_types\": [\"logs\""), 400, "malformed_json");
    }

    @Test
    void should_answer_404_for_an_unknown_export_and_path() throws Exception {
        assertError(service.get("/api/exports/exp-unknown/status"), 404, "not_found");
        assertError(service.get("/api/exports/exp-unknown"), 404, "not_found");
        assertError(service.get("/api/nothing-here"), 404, "not_found");
        assertError(service.get("/api/exports/a%2Fb/status"), 404, "not_found");
        assertError(service.get("/api/exports/..%2F..%2Fconfig/status"), 404, "not_found");
    }

    @Test
    void should_answer_405_for_a_method_the_resource_does_not_take() throws Exception {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + service.port + "/api/exports")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(r, 405, "method_not_allowed");
    }

    @Test
    void should_answer_409_when_cancelling_a_finished_export() throws Exception {
        String id = service.startExport("{\"data_types\":[\"metrics\"],\"output_format\":\"jsonl\"}");
        service.awaitFinished(id);

        assertError(service.post("/api/exports/" + id + "/cancel", ""), 409, "conflict");
        assertError(service.post("/api/exports/" + id + "/retry", ""), 409, "conflict");
    }

    @Test
    void should_answer_413_for_a_body_over_one_mebibyte() throws Exception {
        String big = "{\"data_types\":[\"logs\"],\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertError(service.post("/api/exports", big), 413, "payload_too_large");
    }

    @Test
    void should_answer_400_for_bad_list_parameters() throws Exception {
        assertError(service.get("/api/exports?limit=501"), 400, "invalid_request");
        assertError(service.get("/api/exports?status=done"), 400, "invalid_request");
        assertThat(service.get("/api/exports?limit=500&status=completed").statusCode()).isEqualTo(200);
    }

    @Test
    void should_not_serve_files_of_the_working_directory() throws Exception {
        assertError(service.get("/config/application.properties"), 404, "not_found");
        assertError(service.get("/pom.xml"), 404, "not_found");
        assertThat(service.get("/").statusCode()).isEqualTo(200);
        assertThat(service.get("/").body()).contains("export-service");
    }

    @Test
    void should_report_health_and_data_types() throws Exception {
        HttpResponse<String> health = service.get("/api/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(service.json(health).path("status").asText()).isEqualTo("UP");
        JsonNode types = service.json(service.get("/api/data-types")).path("data_types");
        assertThat(types).hasSize(3);
        assertThat(types.get(0).path("name").asText()).isEqualTo("logs");
        assertThat(types.get(0).path("fields").get(1).path("name").asText()).isEqualTo("timestamp");
    }

    static JsonNode assertError(HttpResponse<String> r, int status, String code) throws Exception {
        return ExportEndToEndITSupport.assertError(service, r, status, code);
    }

    static List<Long> sourceIds(String sql) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(EmbeddedDatabases.sourceUrl(workingDir), EmbeddedDatabases.DEFAULT_USER, EmbeddedDatabases.DEFAULT_PASSWORD);
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    static List<Long> exportedIds(Path file, String format) throws Exception {
        List<Long> ids = new ArrayList<>();
        switch (format) {
            case "json" -> service.mapper.readTree(file.toFile()).forEach(r -> ids.add(r.path("id").asLong()));
            case "jsonl" -> {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    ids.add(service.mapper.readTree(line).path("id").asLong());
                }
            }
            case "csv" -> {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                     CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                    for (CSVRecord r : p) {
                        ids.add(Long.parseLong(r.get("id")));
                    }
                }
            }
            default -> throw new IllegalArgumentException(format);
        }
        return ids;
    }
}
