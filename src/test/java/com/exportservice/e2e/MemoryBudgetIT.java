package com.exportservice.e2e;

import com.exportservice.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probe's two requests ({@code {"data_types":["logs","events"],"batch_size":100000}} twice) in real
 * processes with the JVM options the service ships ({@code config/jvm.options}: a 128 MB heap that exits on
 * out-of-memory):
 * within the memory budget both complete; with a budget that lets them through, the process dies, dies
 * again when it resumes them, and its third start ends them failed instead of resuming them forever.
 */
class MemoryBudgetIT {
    /** As bin/export-service runs the service: a 128 MB heap that exits on out-of-memory (config/jvm.options). */
    private static final List<String> SMALL_HEAP = shipped();
    private static final String ROWS = "exporter.demo.rows=50000";
    /** A budget that admits 100,000-row batches in any heap: the service as it was before the budget. */
    private static final List<String> NO_BUDGET = List.of(ROWS, "exporter.memory.batch-heap-share=1", "exporter.memory.bytes-per-field=16");
    private static final String REQUEST = "{\"data_types\":[\"logs\",\"events\"],\"batch_size\":100000}";
    private final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path workingDir;

    @Test
    void should_complete_two_exports_asking_for_100000_row_batches_in_a_128_mb_heap() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(workingDir, SMALL_HEAP, List.of(ROWS), "service.log")) {
            List<String> ids = List.of(service.startExport(REQUEST), service.startExport(REQUEST));

            for (String id : ids) {
                JsonNode status = awaitFinished(service, id);
                assertThat(status.path("status").asText()).as(service.logText()).isEqualTo("completed");
                assertThat(status.path("processed_records").asLong()).isEqualTo(100_000);
                assertThat(status.path("warnings")).singleElement().satisfies(w -> assertThat(w.asText())
                        .startsWith("batch_size 100000 lowered to ").containsPattern("\\(1[0-2][0-9] MB heap, 2 concurrent export\\(s\\)"));
                JsonNode manifest = mapper.readTree(service.get("/api/exports/" + id + "/files/manifest.json").body());
                assertThat(manifest.path("totals").path("records").asLong()).isEqualTo(100_000);
            }
            assertThat(service.isAlive()).isTrue();
            assertThat(service.logText()).doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    void should_end_exports_failed_after_the_process_died_during_two_runs_in_a_row_and_run_them_on_retry() throws Exception {
        List<String> ids = new ArrayList<>();
        try (ServiceProcess first = ServiceProcess.start(workingDir, SMALL_HEAP, NO_BUDGET, "first.log")) {
            ids.add(first.startExport(REQUEST));
            ids.add(first.startExport(REQUEST));
            assertThat(first.awaitExit(Duration.ofSeconds(120))).as("exit on out-of-memory").isEqualTo(3);
            assertThat(first.logText()).contains("OutOfMemoryError");
        }
        try (ServiceProcess second = ServiceProcess.launch(workingDir, SMALL_HEAP, NO_BUDGET, "second.log")) {
            assertThat(second.awaitExit(Duration.ofSeconds(120))).as("resumed, and out of memory again").isEqualTo(3);
            assertThat(second.logText()).contains("resuming 2 export(s)").contains("OutOfMemoryError");
        }

        try (ServiceProcess third = ServiceProcess.start(workingDir, SMALL_HEAP, List.of(ROWS), "third.log")) {
            for (String id : ids) {
                JsonNode status = third.status(id);
                assertThat(status.path("status").asText()).isEqualTo("failed");
                assertThat(status.path("error_message").asText()).startsWith("not resumed: the service stopped unexpectedly")
                        .contains("during each of the last 2 runs");
            }
            assertThat(third.logText()).doesNotContain("resuming").contains("quarantined");
            assertThat(third.get("/api/health").statusCode()).isEqualTo(200);

            // the cause fixed (the budget back), a retry continues from the checkpoints to the exact total
            assertThat(third.post("/api/exports/" + ids.get(0) + "/retry", "").statusCode()).isEqualTo(202);
            JsonNode retried = awaitFinished(third, ids.get(0));
            assertThat(retried.path("status").asText()).as(third.logText()).isEqualTo("completed");
            JsonNode manifest = mapper.readTree(third.get("/api/exports/" + ids.get(0) + "/files/manifest.json").body());
            for (JsonNode f : manifest.path("files")) {
                assertThat(f.path("records").asLong()).as(f.path("name").asText()).isEqualTo(50_000);
            }
        }
    }

    private static List<String> shipped() {
        try {
            List<String> options = ServiceProcess.shippedJvmOptions();
            assertThat(options).contains("-Xmx128m", "-XX:+ExitOnOutOfMemoryError");
            return options;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode awaitFinished(ServiceProcess service, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = service.status(id);
            return List.of("completed", "failed", "cancelled").contains(last[0].path("status").asText());
        });
        return last[0];
    }
}
