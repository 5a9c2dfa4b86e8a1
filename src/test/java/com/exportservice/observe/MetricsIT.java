package com.exportservice.observe;

import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /observe/metrics and /observe/health of the real service, on the API's own port: after an export, the
 * counters equal what the manifest says was written, and the JVM and Camel metrics are there too.
 */
class MetricsIT {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");

    @TempDir
    static Path workingDir;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "2500"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void should_count_what_an_export_wrote_per_data_type() throws Exception {
        String id = service.startExport("{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"csv\",\"on_invalid\":\"skip\",\"batch_size\":700}");
        JsonNode status = service.awaitFinished(id);
        assertThat(status.path("status").asText()).isEqualTo("completed");
        JsonNode manifest = service.mapper.readTree(service.exportDir(id).resolve("manifest.json").toFile());

        HttpResponse<String> scrape = service.get("/observe/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Map<String, Double> samples = samples(scrape.body());
        for (JsonNode file : manifest.path("files")) {
            String t = file.path("data_type").asText();
            JsonNode type = status.path("data_type_status").path(t);
            assertThat(samples).containsEntry("exporter_records_written_total{data_type=\"" + t + "\"}", file.path("records").asDouble())
                    .containsEntry("exporter_bytes_written_total{data_type=\"" + t + "\"}", file.path("bytes").asDouble())
                    .containsEntry("exporter_records_invalid_total{data_type=\"" + t + "\"}", type.path("invalid_records").asDouble())
                    .containsEntry("exporter_records_skipped_total{data_type=\"" + t + "\"}", type.path("skipped_records").asDouble())
                    .containsEntry("exporter_batch_duration_seconds_count{data_type=\"" + t + "\"}", type.path("batches").asDouble());
        }
        assertThat(samples.get("exporter_records_skipped_total{data_type=\"logs\"}")).as("the demo data has invalid rows").isPositive();
        assertThat(samples).containsEntry("exporter_exports_total{status=\"completed\"}", 1.0)
                .containsEntry("exporter_exports_total{status=\"failed\"}", 0.0)
                .containsEntry("exporter_exports_running", 0.0)
                .containsEntry("exporter_exports_pending", 0.0);
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"))
                .anyMatch(k -> k.startsWith("camel_exchanges_total{") && k.contains("routeId=\"export-batch\""))
                .anyMatch(k -> k.startsWith("exporter_batch_duration_seconds_bucket{"));
    }

    @Test
    void should_answer_liveness_and_readiness_on_the_api_port() throws Exception {
        HttpResponse<String> live = service.get("/observe/health/live");
        HttpResponse<String> ready = service.get("/observe/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(service.json(live).path("status").asText()).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(service.json(ready).path("status").asText()).isEqualTo("UP");
        assertThat(service.get("/api/health").body()).isEqualTo("{\"status\":\"UP\"}");
    }

    /** The samples of a Prometheus text answer: series (name and labels as written) to value. */
    static Map<String, Double> samples(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                out.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return out;
    }
}
