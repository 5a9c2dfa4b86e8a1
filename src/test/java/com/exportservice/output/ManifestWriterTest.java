package com.exportservice.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Manifest manifest(Instant completed) throws IOException {
        JsonNode config = MAPPER.readTree("{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\"}");
        return Manifest.of("exp-1", "completed", Instant.parse("2026-11-26T04:13:03.123456Z"), completed, config, List.of(
                new Manifest.FileEntry("logs.jsonl", "logs", 3, 300, "ab".repeat(32), 1234L, 1),
                new Manifest.FileEntry("events.jsonl", "events", 2, 200, "cd".repeat(32), "k-9", 0)));
    }

    @Test
    void should_write_exactly_the_contract_keys() throws IOException {
        Path file = ManifestWriter.write(dir, manifest(Instant.parse("2026-11-26T04:14:00Z")));

        JsonNode json = MAPPER.readTree(file.toFile());
        assertThat(file).isEqualTo(dir.resolve("manifest.json"));
        assertThat(keys(json)).containsExactly("export_id", "status", "created_time", "completed_time", "config",
                "files", "totals");
        assertThat(keys(json.get("files").get(0))).containsExactly("name", "data_type", "records", "bytes", "sha256",
                "high_water_mark", "invalid_records");
        assertThat(keys(json.get("totals"))).containsExactly("records", "invalid_records", "bytes");
    }

    @Test
    void should_write_values_times_and_totals() throws IOException {
        JsonNode json = MAPPER.readTree(ManifestWriter.write(dir, manifest(Instant.parse("2026-11-26T04:14:00Z"))).toFile());

        assertThat(json.get("export_id").textValue()).isEqualTo("exp-1");
        assertThat(json.get("status").textValue()).isEqualTo("completed");
        assertThat(json.get("created_time").textValue()).isEqualTo("2026-11-26T04:13:03.123Z");
        assertThat(json.get("completed_time").textValue()).isEqualTo("2026-11-26T04:14:00.000Z");
        assertThat(json.get("config").get("data_types").toString()).isEqualTo("[\"logs\",\"events\"]");
        JsonNode logs = json.get("files").get(0);
        assertThat(logs.get("name").textValue()).isEqualTo("logs.jsonl");
        assertThat(logs.get("data_type").textValue()).isEqualTo("logs");
        assertThat(logs.get("records").longValue()).isEqualTo(3);
        assertThat(logs.get("bytes").longValue()).isEqualTo(300);
        assertThat(logs.get("sha256").textValue()).hasSize(64);
        assertThat(logs.get("high_water_mark").isNumber()).isTrue();
        assertThat(logs.get("invalid_records").longValue()).isEqualTo(1);
        assertThat(json.get("files").get(1).get("high_water_mark").textValue()).isEqualTo("k-9");
        assertThat(json.get("totals").toString()).isEqualTo("{\"records\":5,\"invalid_records\":1,\"bytes\":500}");
    }

    @Test
    void should_keep_null_values_as_null_keys() throws IOException {
        Manifest m = Manifest.of("exp-2", "running", Instant.parse("2026-11-26T04:13:03Z"), null, null,
                List.of(new Manifest.FileEntry("logs.json", "logs", 0, 2, null, null, 0)));

        JsonNode json = MAPPER.readTree(ManifestWriter.write(dir, m).toFile());

        assertThat(json.has("completed_time")).isTrue();
        assertThat(json.get("completed_time").isNull()).isTrue();
        assertThat(json.get("files").get(0).get("high_water_mark").isNull()).isTrue();
    }

    @Test
    void should_write_a_non_scalar_high_water_mark_as_its_text() {
        Manifest.FileEntry entry = new Manifest.FileEntry("t.json", "t", 0, 0, null,
                LocalDateTime.of(2026, 11, 1, 12, 0), 0);

        assertThat(entry.highWaterMark()).isEqualTo("2026-11-01T12:00");
    }

    @Test
    void should_replace_the_manifest_pretty_printed_without_leaving_temporary_files() throws IOException {
        ManifestWriter.write(dir, manifest(null));
        Path file = ManifestWriter.write(dir, manifest(Instant.parse("2026-11-26T04:14:00Z")));

        assertThat(Files.readString(file)).contains("\n  \"export_id\"").endsWith("}\n");
        assertThat(MAPPER.readTree(file.toFile()).get("completed_time").textValue()).isEqualTo("2026-11-26T04:14:00.000Z");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void should_write_any_value_atomically_as_json() throws IOException {
        Path report = dir.resolve("sub").resolve("validation-report.json");

        JsonFiles.writeAtomically(report, Map.of("export_id", "exp-1", "data_types", Map.of()));

        assertThat(MAPPER.readTree(report.toFile()).get("export_id").textValue()).isEqualTo("exp-1");
        try (Stream<Path> files = Files.list(report.getParent())) {
            assertThat(files).containsExactly(report);
        }
    }
}
