package com.exportservice.schedule;

import com.exportservice.ExportServer;
import com.exportservice.config.ConfigException;
import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Schedules in the real application: they fire, export, and are listed by GET /api/schedules. */
class ScheduleIT {
    @TempDir
    Path workingDir;

    @Test
    void should_fire_an_every_schedule_and_list_it_with_its_last_export() throws Exception {
        writeSchedules("""
                schedules:
                  - id: metrics-every-2s
                    every: PT2S
                    export: { data_types: [metrics], output_format: csv }
                  - id: new-year
                    cron: "0 0 0 1 1 ?"
                    incremental: true
                    export: { data_types: [logs] }
                """);
        // the bounds below follow from the order of events on this JVM's clock, not from how fast it runs:
        // the every-schedule fires one period after its route started (after `started`) and after each fire
        // (before `answered`); the cron schedule's next time is computed while the request is answered
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "200"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !ScheduleRuns.completed(service).isEmpty());

            JsonNode run = ScheduleRuns.completed(service).get(0);
            String id = run.path("export_id").asText();
            assertThat(run.path("name").asText()).isEqualTo("schedule metrics-every-2s");
            assertThat(service.exportDir(id).resolve("metrics.csv")).exists();
            Instant asked = Instant.now();
            JsonNode schedules = service.json(service.get("/api/schedules")).path("schedules");
            Instant answered = Instant.now();
            assertThat(schedules).hasSize(2);
            JsonNode every = schedules.get(0);
            assertThat(every.path("id").asText()).isEqualTo("metrics-every-2s");
            assertThat(every.path("every").asText()).isEqualTo("PT2S");
            assertThat(every.path("cron").isNull()).isTrue();
            assertThat(every.path("incremental").asBoolean()).isFalse();
            assertThat(every.path("last_export_id").asText()).startsWith("exp-");
            assertThat(every.path("last_status").asText()).isIn("pending", "running", "completed");
            assertThat(every.path("next_fire_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(Instant.parse(every.path("next_fire_time").asText()))
                    .isBetween(started.plus(Duration.ofSeconds(2)), answered.plus(Duration.ofSeconds(2)));
            JsonNode cron = schedules.get(1);
            assertThat(cron.path("id").asText()).isEqualTo("new-year");
            assertThat(cron.path("cron").asText()).isEqualTo("0 0 0 1 1 ?");
            assertThat(cron.path("every").isNull()).isTrue();
            assertThat(cron.path("incremental").asBoolean()).isTrue();
            assertThat(cron.path("last_export_id").isNull()).isTrue();
            assertThat(cron.path("last_status").isNull()).isTrue();
            assertThat(Instant.parse(cron.path("next_fire_time").asText())).isIn(
                    FireTimes.nextCron("0 0 0 1 1 ?", TimeZone.getDefault(), asked),
                    FireTimes.nextCron("0 0 0 1 1 ?", TimeZone.getDefault(), answered));
        }
    }

    @Test
    void should_list_no_schedules_without_a_schedules_file() throws Exception {
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "10"))) {
            assertThat(service.json(service.get("/api/schedules"))).isEqualTo(service.mapper.readTree("{\"schedules\":[]}"));
        }
    }

    @Test
    void should_stop_start_up_naming_an_invalid_schedule() throws Exception {
        writeSchedules("""
                schedules:
                  - { id: fine, every: PT1H, export: { data_types: [logs] } }
                  - { id: nightly-typo, cron: "0 0 2 * *", export: { data_types: [logs] } }
                """);

        assertThatThrownBy(() -> ExportServer.start(workingDir,
                Map.of("exporter.http.port", String.valueOf(RunningService.freePort()), "exporter.demo.rows", "10"),
                ExportServer.Mode.SERVE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config/schedules.yaml")
                .hasMessageContaining("'nightly-typo'")
                .hasMessageNotContaining("'fine'");
    }

    private void writeSchedules(String yaml) throws Exception {
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/schedules.yaml"), yaml);
    }
}
