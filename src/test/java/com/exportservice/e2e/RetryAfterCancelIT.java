package com.exportservice.e2e;

import com.exportservice.engine.ControlledProcessors;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancelled export, retried, continues from its checkpoints: the batches committed before the cancel
 * are neither read nor written again, and the output is exact. The export is held in a chosen batch
 * (a replaced validator and a latch), so the cancel lands at a known batch boundary.
 */
class RetryAfterCancelIT {
    private static final int BATCH = 100;

    @TempDir
    Path workingDir;

    @Test
    void should_continue_a_cancelled_export_from_its_checkpoints_when_retried() throws Exception {
        try (RunningService service = RunningService.start(workingDir, Map.of())) {
            List<Long> logIds = service.sourceIds("logs");
            List<Long> eventIds = service.sourceIds("events");
            // the first record of the 11th batch of logs
            ControlledProcessors processors = ControlledProcessors.bindTo(service.server.camelContext())
                    .holdAt("logs", logIds.get(10 * BATCH));
            String id = service.startExport("{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\",\"batch_size\":" + BATCH + "}");

            // given: cancelled while its 11th batch is in flight; that batch commits, no other starts
            try {
                processors.awaitHeld(Duration.ofSeconds(30));
                assertThat(service.post("/api/exports/" + id + "/cancel", "").statusCode()).isEqualTo(202);
            } finally {
                processors.release();
            }
            JsonNode cancelled = service.awaitFinished(id);
            assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.path("data_type_status").path("logs").path("batches").asLong()).isEqualTo(11);
            assertThat(cancelled.path("processed_records").asLong()).isEqualTo(11 * BATCH);
            assertThat(processors.validatedKeys("logs")).containsExactlyElementsOf(logIds.subList(0, 11 * BATCH));
            assertThat(processors.validatedKeys("events")).isEmpty();
            Path part = service.exportDir(id).resolve("logs.jsonl.part");
            byte[] beforeRetry = Files.readAllBytes(part);
            assertThat(ids(beforeRetry)).containsExactlyElementsOf(logIds.subList(0, 11 * BATCH));

            // when
            assertThat(service.post("/api/exports/" + id + "/retry", "").statusCode()).isEqualTo(202);
            JsonNode done = service.awaitFinished(id);

            // then: every row read once over both attempts, the file before the cancel kept byte for byte
            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(processors.validatedKeys("logs")).containsExactlyElementsOf(logIds);
            assertThat(processors.validatedKeys("events")).containsExactlyElementsOf(eventIds);
            byte[] logs = Files.readAllBytes(service.exportDir(id).resolve("logs.jsonl"));
            assertThat(Arrays.copyOf(logs, beforeRetry.length)).isEqualTo(beforeRetry);
            assertThat(ids(logs)).containsExactlyElementsOf(logIds);
            assertThat(ids(Files.readAllBytes(service.exportDir(id).resolve("events.jsonl")))).containsExactlyElementsOf(eventIds);
            assertThat(done.path("processed_records").asLong()).isEqualTo(logIds.size() + eventIds.size())
                    .isEqualTo(done.path("total_records").asLong());
        }
    }

    private List<Long> ids(byte[] jsonl) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String line : new String(jsonl, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                ids.add(com.exportservice.Json.newMapper().readTree(line).path("id").asLong());
            }
        }
        return ids;
    }
}
