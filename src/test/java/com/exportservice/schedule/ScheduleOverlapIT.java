package com.exportservice.schedule;

import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A schedule that fires while its previous export still runs skips the fire: never two of its exports at once. */
class ScheduleOverlapIT {
    @TempDir
    Path workingDir;

    @Test
    void should_skip_fires_while_the_previous_export_runs() throws Exception {
        Files.createDirectories(workingDir.resolve("config"));
        // one row per batch over thousands of rows: an export that outlasts several fires
        Files.writeString(workingDir.resolve("config/schedules.yaml"), """
                schedules:
                  - id: every-second
                    every: PT1S
                    export: { data_types: [logs], batch_size: 1 }
                """);
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "20000"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ScheduleRuns.scheduled(service).stream()
                    .anyMatch(e -> e.path("status").asText().equals("running")));
            String first = ScheduleRuns.scheduled(service).get(0).path("export_id").asText();

            // three fires or more come and go while the first export runs
            await().during(Duration.ofMillis(3500)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ScheduleRuns.scheduled(service).size() == 1);
            assertThat(status(service, first)).as("the first export outlasted the fires").isEqualTo("running");

            service.post("/api/exports/" + first + "/cancel", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> ScheduleRuns.scheduled(service).size() >= 2);
            List<JsonNode> runs = ScheduleRuns.scheduled(service);
            JsonNode ended = service.json(service.get("/api/exports/" + first + "/status"));
            assertThat(ended.path("status").asText()).isEqualTo("cancelled");
            assertThat(Instant.parse(runs.get(1).path("created_time").asText()))
                    .as("the next export was created only after the first ended")
                    .isAfterOrEqualTo(Instant.parse(ended.path("end_time").asText()));
            service.post("/api/exports/" + runs.get(1).path("export_id").asText() + "/cancel", "");
        }
    }

    private static String status(RunningService service, String exportId) throws Exception {
        return service.json(service.get("/api/exports/" + exportId + "/status")).path("status").asText();
    }
}
