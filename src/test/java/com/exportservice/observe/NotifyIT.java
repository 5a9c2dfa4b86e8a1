package com.exportservice.observe;

import com.exportservice.e2e.RunningService;
import com.exportservice.security.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications to a receiver on this machine (the JDK's HTTP server): one POST of the ExportSummary per
 * final status, retried while the receiver fails, with the URL's credentials as a header and never in the log.
 */
class NotifyIT {
    /** One request the receiver got. */
    record Received(int answered, String query, String authorization, String contentType, JsonNode body) {
    }

    @TempDir
    static Path workingDir;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger failuresToAnswer = new AtomicInteger();
    static RunningService service;
    static LogCapture log;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/exports", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int code = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            received.add(new Received(code, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), service.mapper.readTree(new String(body, StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        receiver.start();
        log = new LogCapture();
        String url = "http://hook-user:s3cret-pass@127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/exports?source=exporter";
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "2000", "exporter.notify.url", url,
                "exporter.notify.retry-delay-ms", "50", "exporter.max-concurrent-exports", "1"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void should_post_the_summary_once_per_final_status_and_retry_while_the_receiver_fails() throws Exception {
        // given: the receiver fails the first two POSTs
        failuresToAnswer.set(2);

        // when: one export completes, one fails (an invalid record under on_invalid: fail), one is cancelled while it waits
        String completed = service.startExport("{\"data_types\":[\"metrics\"]}");
        service.awaitFinished(completed);
        String failed = service.startExport("{\"data_types\":[\"logs\"],\"on_invalid\":\"fail\"}");
        String blocker = service.startExport("{\"data_types\":[\"events\"],\"batch_size\":5}");
        String cancelled = service.startExport("{\"data_types\":[\"events\"]}");
        assertThat(service.post("/api/exports/" + cancelled + "/cancel", "").statusCode()).isEqualTo(202);
        service.awaitFinished(failed);
        service.awaitFinished(blocker);

        // then: each final status delivered once (the first after two failed attempts)
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(cancelled).size() == 1 && delivered(blocker).size() == 1
                && delivered(failed).size() == 1 && delivered(completed).size() == 1);
        assertThat(received.stream().filter(r -> r.body().path("export_id").asText().equals(completed)).map(Received::answered))
                .containsExactly(500, 500, 204);
        assertThat(delivered(completed).get(0).body().path("status").asText()).isEqualTo("completed");
        assertThat(delivered(completed).get(0).body().path("processed_records").asLong()).isEqualTo(2000);
        assertThat(delivered(completed).get(0).body().has("data_type_status")).as("a summary").isFalse();
        assertThat(delivered(failed).get(0).body().path("status").asText()).isEqualTo("failed");
        assertThat(delivered(failed).get(0).body().path("error_message").asText()).contains("on_invalid: fail");
        assertThat(delivered(cancelled).get(0).body().path("status").asText()).isEqualTo("cancelled");
        assertThat(received).allSatisfy(r -> {
            assertThat(r.query()).isEqualTo("source=exporter");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("hook-user:s3cret-pass".getBytes(StandardCharsets.UTF_8)));
        });
        assertThat(log.text()).contains("notified http://***@127.0.0.1:").doesNotContain("s3cret-pass");
    }

    @Test
    void should_log_a_notification_the_receiver_never_takes_without_the_credentials() throws Exception {
        failuresToAnswer.set(1000);
        String id = service.startExport("{\"data_types\":[\"metrics\"],\"name\":\"never taken\"}");
        service.awaitFinished(id);

        await().atMost(Duration.ofSeconds(60)).until(() -> log.text().contains("notification of export " + id));
        failuresToAnswer.set(0);

        assertThat(received.stream().filter(r -> r.body().path("export_id").asText().equals(id))).hasSize(6); // 1 + 5 redeliveries
        assertThat(log.text()).contains("failed after every attempt: the receiver answered 500").doesNotContain("s3cret-pass");
    }

    private static List<Received> delivered(String exportId) {
        return received.stream().filter(r -> r.answered() == 204 && r.body().path("export_id").asText().equals(exportId)).toList();
    }
}
