package com.exportservice.schedule;

import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An incremental schedule exports each source row exactly once over all its runs: the rows inserted
 * between runs go into the next run, and the base survives a restart of the application.
 */
class ScheduleIncrementalIT {
    static final Map<String, String> SETTINGS = Map.of("exporter.demo.rows", "200");

    @TempDir
    Path workingDir;

    @Test
    void should_export_exactly_the_rows_added_since_the_last_completed_run_also_across_a_restart() throws Exception {
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/schedules.yaml"), """
                schedules:
                  - id: logs-incremental
                    every: PT2S
                    incremental: true
                    export: { data_types: [logs], output_format: jsonl, batch_size: 50 }
                """);
        List<Long> added;
        List<Long> addedWhileDown;
        try (RunningService service = RunningService.start(workingDir, SETTINGS)) {
            // the first run exports every row there is
            List<Long> seeded = ScheduleRuns.sourceLogIds(workingDir);
            awaitEverySourceRowExported(service);
            assertThat(ScheduleRuns.exportedLogIds(service, ScheduleRuns.completed(service).get(0).path("export_id").asText()))
                    .containsExactlyElementsOf(seeded);

            added = ScheduleRuns.insertLogs(workingDir, 10);
            awaitEverySourceRowExported(service);

            assertThat(runHolding(service, added.get(0))).containsExactlyElementsOf(added);
            assertExportedExactlyOnce(service);
        }

        addedWhileDown = ScheduleRuns.insertLogs(workingDir, 15);
        try (RunningService service = RunningService.start(workingDir, SETTINGS)) {
            awaitEverySourceRowExported(service);

            assertThat(runHolding(service, addedWhileDown.get(0))).containsExactlyElementsOf(addedWhileDown);
            assertExportedExactlyOnce(service);
            JsonNode listed = service.json(service.get("/api/schedules")).path("schedules").get(0);
            assertThat(listed.path("incremental").asBoolean()).isTrue();
            assertThat(listed.path("last_export_id").asText()).startsWith("exp-");
        }
    }

    private void awaitEverySourceRowExported(RunningService service) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                new HashSet<>(ScheduleRuns.allExportedLogIds(service)).containsAll(ScheduleRuns.sourceLogIds(workingDir)));
    }

    private void assertExportedExactlyOnce(RunningService service) throws Exception {
        assertThat(ScheduleRuns.allExportedLogIds(service)).containsExactlyElementsOf(ScheduleRuns.sourceLogIds(workingDir));
    }

    /** The ids of the completed run that exported the given row. */
    private static List<Long> runHolding(RunningService service, long rowId) throws Exception {
        for (JsonNode run : ScheduleRuns.completed(service)) {
            List<Long> ids = ScheduleRuns.exportedLogIds(service, run.path("export_id").asText());
            if (ids.contains(rowId)) {
                return ids;
            }
        }
        throw new AssertionError("no completed run exported row " + rowId);
    }
}
