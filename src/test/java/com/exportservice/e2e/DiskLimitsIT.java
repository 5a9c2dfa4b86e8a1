package com.exportservice.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Disk quota and retention (contract section 2): below {@code exporter.output.min-free-disk} no new export
 * starts, from any trigger (507 insufficient_storage); with {@code exporter.output.retention} the
 * directories of old exports go, their records stay marked expired, and their files answer 410.
 */
class DiskLimitsIT {
    @TempDir
    Path workingDir;

    @Test
    void should_refuse_new_exports_from_every_trigger_below_the_free_disk_floor() throws Exception {
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/schedules.yaml"),
                "schedules:\n  - id: often\n    every: PT1S\n    export: { data_types: [metrics] }\n");
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "100",
                "exporter.output.min-free-disk", "1000000TB"))) {
            HttpResponse<String> r = service.post("/api/exports", "{\"data_types\":[\"metrics\"]}");

            assertThat(r.statusCode()).isEqualTo(507);
            JsonNode error = service.json(r);
            assertThat(error.path("error").asText()).isEqualTo("insufficient_storage");
            assertThat(error.path("message").asText()).contains("less than the").contains("exporter.output.min-free-disk");
            assertThat(error.path("details")).isEmpty();

            Path inbox = workingDir.resolve("inbox");
            Files.writeString(inbox.resolve("nightly.json"), "{\"data_types\":[\"metrics\"]}");
            Path errorFile = inbox.resolve(".failed/nightly.json.error.json");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(errorFile));
            assertThat(service.mapper.readTree(errorFile.toFile()).path("error").asText()).isEqualTo("insufficient_storage");

            // the schedule fires every second and skips each fire
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(service.json(service.get("/api/schedules")).path("schedules").get(0).path("last_export_id").isNull()).isTrue();
            assertThat(service.json(service.get("/api/exports")).path("total").asLong()).isZero();
            assertThat(service.post("/api/exports/preview", "{\"data_types\":[\"metrics\"]}").statusCode())
                    .as("a preview writes nothing").isEqualTo(200);
        }
    }

    @Test
    void should_delete_old_export_directories_keep_their_records_and_answer_410_for_their_files() throws Exception {
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "100",
                "exporter.output.retention", "PT3S"))) {
            String completed = service.startExport("{\"data_types\":[\"metrics\"],\"output_format\":\"csv\"}");
            String failed = service.startExport("{\"data_types\":[\"metrics\"],\"on_invalid\":\"fail\"}");
            assertThat(service.awaitFinished(completed).path("status").asText()).isEqualTo("completed");
            assertThat(service.awaitFinished(failed).path("status").asText()).isEqualTo("failed");
            assertThat(service.getBytes("/api/exports/" + completed + "/files/metrics.csv").statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> service.json(service.get("/api/exports/" + completed + "/status"))
                    .path("expired").asBoolean() && service.json(service.get("/api/exports/" + failed + "/status")).path("expired").asBoolean());

            assertThat(service.exportDir(completed)).doesNotExist();
            assertThat(service.exportDir(failed)).doesNotExist();
            for (String path : new String[]{"/files/metrics.csv", "/files/manifest.json", "/download"}) {
                HttpResponse<String> gone = service.get("/api/exports/" + completed + path);
                assertThat(gone.statusCode()).as(path).isEqualTo(410);
                assertThat(service.json(gone).path("error").asText()).isEqualTo("expired");
                assertThat(service.json(gone).path("message").asText()).contains("exporter.output.retention");
            }
            JsonNode details = service.json(service.get("/api/exports/" + completed));
            assertThat(details.path("status").asText()).isEqualTo("completed");
            assertThat(details.path("expired").asBoolean()).isTrue();
            assertThat(details.path("files")).isEmpty();
            assertThat(service.get("/api/exports/" + completed + "/validation").statusCode()).as("the report stays").isEqualTo(200);
            assertThat(service.json(service.get("/api/exports")).path("exports")).hasSize(2)
                    .allSatisfy(e -> assertThat(e.path("expired").asBoolean()).isTrue());
            HttpResponse<String> retry = service.post("/api/exports/" + failed + "/retry", "");
            assertThat(retry.statusCode()).isEqualTo(409);
            assertThat(service.json(retry).path("message").asText()).contains("expired");
        }
    }
}
