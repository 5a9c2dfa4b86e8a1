package com.exportservice.schedule;

import com.exportservice.e2e.RunningService;
import com.exportservice.engine.ControlledProcessors;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schedule that fires while its previous export still runs skips the fire: never two of its exports at
 * once. The export is held in its first batch (a replaced validator and a latch), so it is running for
 * as long as the test needs, whatever the machine's speed.
 */
class ScheduleOverlapIT {
    @TempDir
    Path workingDir;

    @Test
    void should_skip_fires_while_the_previous_export_runs() throws Exception {
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/schedules.yaml"), """
                schedules:
                  - id: every-second
                    every: PT1S
                    export: { data_types: [logs], batch_size: 100 }
                """);
        try (RunningService service = RunningService.start(workingDir, Map.of())) {
            CamelContext camel = service.server.camelContext();
            ControlledProcessors processors = ControlledProcessors.bindTo(camel).holdAt("logs", null);
            String held;
            try {
                processors.awaitHeld(Duration.ofSeconds(30));
                held = running(service);
                int exportsWhileHeld = ScheduleRuns.scheduled(service).size();

                // three fires come and go while the held export runs: none starts an export
                NotifyBuilder fires = new NotifyBuilder(camel).fromRoute("export-schedule-every-second").whenDone(3).create();
                assertThat(fires.matches(30, TimeUnit.SECONDS)).as("three fires").isTrue();
                assertThat(ScheduleRuns.scheduled(service)).hasSize(exportsWhileHeld);
                assertThat(status(service, held)).isEqualTo("running");

                service.post("/api/exports/" + held + "/cancel", "");
            } finally {
                processors.release();
            }

            // the next fire after the held export ended starts the next one
            Instant heldCreated = createdTime(service, held);
            await().atMost(Duration.ofSeconds(30)).until(() -> ScheduleRuns.scheduled(service).stream()
                    .anyMatch(e -> Instant.parse(e.path("created_time").asText()).isAfter(heldCreated)));
            JsonNode ended = service.json(service.get("/api/exports/" + held + "/status"));
            assertThat(ended.path("status").asText()).isEqualTo("cancelled");
            List<JsonNode> later = ScheduleRuns.scheduled(service).stream()
                    .filter(e -> Instant.parse(e.path("created_time").asText()).isAfter(heldCreated)).toList();
            assertThat(Instant.parse(later.get(0).path("created_time").asText()))
                    .as("the next export was created only after the held one ended")
                    .isAfterOrEqualTo(Instant.parse(ended.path("end_time").asText()));
            later.forEach(e -> cancelQuietly(service, e.path("export_id").asText()));
        }
    }

    /** The one scheduled export running now. */
    private static String running(RunningService service) throws Exception {
        List<JsonNode> running = ScheduleRuns.scheduled(service).stream()
                .filter(e -> e.path("status").asText().equals("running")).toList();
        assertThat(running).hasSize(1);
        return running.get(0).path("export_id").asText();
    }

    private static Instant createdTime(RunningService service, String exportId) throws Exception {
        return Instant.parse(service.json(service.get("/api/exports/" + exportId + "/status")).path("created_time").asText());
    }

    private static String status(RunningService service, String exportId) throws Exception {
        return service.json(service.get("/api/exports/" + exportId + "/status")).path("status").asText();
    }

    private static void cancelQuietly(RunningService service, String exportId) {
        try {
            service.post("/api/exports/" + exportId + "/cancel", "");
        } catch (Exception e) {
            // already finished: nothing to cancel
        }
    }
}
