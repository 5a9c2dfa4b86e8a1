package com.exportservice.observe;

import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ETA on the demo data: a 900,000-row export (the three demo tables: long enough, on a fast machine, for
 * several progress events between a quarter and three quarters of the way), sampled from its live events
 * while it runs; each estimate taken between a quarter and three quarters of the way is within a factor of 3
 * of the time that actually remained. The samples are printed for the record.
 */
class EtaIT {
    /** One reading: when, how far, what the service estimated. */
    record Sample(Instant at, double progressPercent, double etaSeconds) {
    }

    @TempDir
    Path workingDir;

    @Test
    void should_estimate_the_remaining_time_within_a_factor_of_three_mid_way() throws Exception {
        try (RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "300000"))) {
            // the samples: the export's events (progress at most once a second), as a dashboard would see them
            List<Sample> samples = new ArrayList<>();
            String id;
            JsonNode status;
            Instant end = null;
            try (SseClient events = SseClient.open(service.port)) {
                id = service.startExport("{\"data_types\":[\"logs\",\"events\",\"metrics\"],\"output_format\":\"jsonl\"}");
                String exportId = id;
                for (SseClient.Event e : events.until(e -> e.exportId().equals(exportId) && !e.status().matches("pending|running"),
                        Duration.ofSeconds(300))) {
                    JsonNode data = e.data();
                    if (e.exportId().equals(id) && !e.status().matches("pending|running")) {
                        end = e.received(); // the event of its end
                    }
                    if (e.exportId().equals(id) && e.status().equals("running") && data.path("eta_seconds").isNumber()) {
                        samples.add(new Sample(e.received(), 100.0 * data.path("processed_records").asLong() / data.path("total_records").asLong(),
                                data.path("eta_seconds").asDouble()));
                    }
                }
            }
            status = service.json(service.get("/api/exports/" + id + "/status"));

            assertThat(status.path("status").asText()).isEqualTo("completed");
            assertThat(status.path("processed_records").asLong()).isEqualTo(900_000);
            assertThat(status.path("eta_seconds").isNull()).as("no ETA once ended").isTrue();
            assertThat(status.path("elapsed_seconds").asDouble()).isPositive();
            List<Sample> midWay = samples.stream().filter(s -> s.progressPercent() >= 25 && s.progressPercent() <= 75).toList();
            assertThat(midWay).as("samples mid-way (all: " + samples + ")").isNotEmpty();
            System.out.printf("ETA samples of %s (ended %s):%n", id, end);
            for (Sample s : samples) {
                double actual = Duration.between(s.at(), end).toMillis() / 1000.0;
                System.out.printf("  at %5.1f%%: eta %6.1f s, actually remaining %6.1f s, ratio %.2f%n", s.progressPercent(),
                        s.etaSeconds(), actual, s.etaSeconds() / actual);
            }
            for (Sample s : midWay) {
                double actual = Duration.between(s.at(), end).toMillis() / 1000.0;
                assertThat(s.etaSeconds()).as("at %.1f%%: estimated %.1f s, actually %.1f s", s.progressPercent(), s.etaSeconds(), actual)
                        .isBetween(actual / 3, actual * 3);
            }
        }
    }
}
