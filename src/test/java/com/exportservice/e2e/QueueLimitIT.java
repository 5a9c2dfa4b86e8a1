package com.exportservice.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue bound (429) and cancelling a running export, on a service with one slot and no queue. */
class QueueLimitIT {
    @TempDir
    Path workingDir;

    @Test
    void should_answer_429_when_the_queue_is_full_and_cancel_a_running_export_at_a_batch_boundary() throws Exception {
        try (RunningService service = RunningService.start(workingDir, Map.of(
                "exporter.max-concurrent-exports", "1", "exporter.max-pending-exports", "0"))) {
            // one slow export takes the only slot
            String slow = service.startExport("{\"data_types\":[\"logs\",\"events\",\"metrics\"],\"batch_size\":1}");

            JsonNode refused = ExportEndToEndITSupport.assertError(service,
                    service.post("/api/exports", "{\"data_types\":[\"logs\"]}"), 429, "too_many_exports");
            assertThat(refused.path("message").asText()).contains("limit 0");

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    service.json(service.get("/api/exports/" + slow + "/status")).path("processed_records").asLong() > 0);
            assertThat(service.post("/api/exports/" + slow + "/cancel", "").statusCode()).isEqualTo(202);
            JsonNode cancelled = service.awaitFinished(slow);
            assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.path("processed_records").asLong()).isLessThan(cancelled.path("total_records").asLong());
            // the slot is free again
            String next = service.startExport("{\"data_types\":[\"metrics\"],\"output_format\":\"csv\"}");
            assertThat(service.awaitFinished(next).path("status").asText()).isEqualTo("completed");
            // a cancelled export continues from its checkpoints when retried
            assertThat(service.post("/api/exports/" + slow + "/retry", "").statusCode()).isEqualTo(202);
            service.post("/api/exports/" + slow + "/cancel", "");
            assertThat(service.awaitFinished(slow).path("status").asText()).isIn("cancelled", "completed");
        }
    }
}
