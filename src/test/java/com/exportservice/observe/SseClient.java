package com.exportservice.observe;

import com.exportservice.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A server-sent events client as a script would write one: reads the stream line by line into events. */
final class SseClient implements AutoCloseable {
    /** One event: its id, its type, its data parsed as JSON, and when it arrived. */
    record Event(long id, String type, JsonNode data, java.time.Instant received) {
        String exportId() {
            return data.path("export_id").asText();
        }

        String status() {
            return data.path("status").asText();
        }
    }

    private static final ObjectMapper MAPPER = Json.newMapper();
    final HttpResponse<Stream<String>> response;
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final AtomicInteger comments = new AtomicInteger();
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param headers name, value, … (Authorization, Last-Event-ID)
     */
    static SseClient open(int port, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + EventStream.PATH))
                .header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new SseClient(client.send(b.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }

    private void read() {
        long id = -1;
        String type = "message";
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, type, MAPPER.readTree(data.toString()), java.time.Instant.now()));
                    }
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (Exception e) {
            // the stream ended or was closed by the test
        }
    }

    /** The events received within the timeout until one satisfies the condition (that one included). */
    List<Event> until(java.util.function.Predicate<Event> last, Duration timeout) throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                break;
            }
            seen.add(e);
            if (last.test(e)) {
                return seen;
            }
        }
        throw new AssertionError("no such event within " + timeout + "; received: " + seen);
    }

    boolean isOpen() {
        return reader.isAlive();
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
