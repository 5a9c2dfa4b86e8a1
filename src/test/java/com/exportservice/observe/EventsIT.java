package com.exportservice.observe;

import com.exportservice.e2e.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /api/events of the real service without tokens: every trigger's exports, keep-alive, reconnection, the cap. */
class EventsIT {
    @TempDir
    static Path workingDir;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(workingDir.resolve("inbox"));
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "3000",
                "exporter.http.idle-timeout", "PT2S", "exporter.events.max-subscribers", "3"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void should_stream_created_running_and_completed_for_an_export_started_by_the_inbox() throws Exception {
        try (SseClient sse = SseClient.open(service.port)) {
            assertThat(sse.response.statusCode()).isEqualTo(200);
            assertThat(sse.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

            Files.writeString(workingDir.resolve("inbox/from-inbox.json"), "{\"data_types\":[\"logs\"],\"batch_size\":200,\"name\":\"inbox sse\"}");

            List<SseClient.Event> seen = sse.until(e -> e.data().path("name").asText().equals("inbox sse") && e.status().equals("completed"),
                    Duration.ofSeconds(60));
            List<SseClient.Event> mine = seen.stream().filter(e -> e.data().path("name").asText().equals("inbox sse")).toList();
            List<String> statuses = mine.stream().map(SseClient.Event::status).distinct().toList();
            assertThat(statuses).containsExactly("pending", "running", "completed");
            assertThat(mine).allSatisfy(e -> assertThat(e.type()).isEqualTo("export"));
            assertThat(mine.get(0).data().path("trigger").asText()).isEqualTo("file");
            assertThat(mine.get(mine.size() - 1).data().path("processed_records").asLong()).isEqualTo(3000);
            assertThat(mine.get(mine.size() - 1).data().has("data_type_status")).as("a summary").isFalse();
            assertThat(mine).extracting(SseClient.Event::id).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void should_keep_an_idle_stream_open_past_the_idle_timeout_with_comments() throws Exception {
        try (SseClient sse = SseClient.open(service.port)) {
            int before = sse.comments.get();

            // the idle timeout is 2 s: a stream without keep-alive would be closed within 4 s
            await().atMost(Duration.ofSeconds(20)).until(() -> sse.comments.get() >= before + 5);

            assertThat(sse.isOpen()).isTrue();
        }
    }

    @Test
    void should_replay_what_a_reconnecting_client_missed_after_its_last_event_id() throws Exception {
        long lastSeen;
        try (SseClient sse = SseClient.open(service.port)) {
            String first = service.startExport("{\"data_types\":[\"metrics\"],\"name\":\"before the drop\"}");
            List<SseClient.Event> seen = sse.until(e -> e.exportId().equals(first) && e.status().equals("completed"),
                    Duration.ofSeconds(60));
            lastSeen = seen.get(seen.size() - 1).id();
        }
        String missed = service.startExport("{\"data_types\":[\"metrics\"],\"name\":\"while away\"}");
        service.awaitFinished(missed);

        try (SseClient again = SseClient.open(service.port, "Last-Event-ID", String.valueOf(lastSeen))) {
            List<SseClient.Event> replayed = again.until(e -> e.exportId().equals(missed) && e.status().equals("completed"),
                    Duration.ofSeconds(10));
            assertThat(replayed).allSatisfy(e -> assertThat(e.id()).isGreaterThan(lastSeen));
            assertThat(replayed).extracting(SseClient.Event::status).contains("pending", "completed");
        }
    }

    @Test
    void should_refuse_streams_beyond_the_cap_and_free_the_place_of_a_closed_one() throws Exception {
        SseClient a = SseClient.open(service.port);
        SseClient b = SseClient.open(service.port);
        SseClient c = SseClient.open(service.port);
        try {
            assertThat(List.of(a, b, c)).allSatisfy(s -> assertThat(s.response.statusCode()).isEqualTo(200));
            try (SseClient refused = SseClient.open(service.port)) {
                assertThat(refused.response.statusCode()).isEqualTo(503);
            }
            c.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> service.server.wiring().events().subscriberCount() == 2);
            try (SseClient d = SseClient.open(service.port)) {
                assertThat(d.response.statusCode()).isEqualTo(200);
            }
        } finally {
            a.close();
            b.close();
            c.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> service.server.wiring().events().subscriberCount() == 0);
    }
}
