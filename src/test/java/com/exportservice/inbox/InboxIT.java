package com.exportservice.inbox;

import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The watched inbox of the real application: files in, exports out, files moved beside their outcome. */
class InboxIT {
    @TempDir
    static Path workingDir;
    static Path inbox;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        inbox = workingDir.resolve("inbox");
        Files.createDirectories(inbox);
        // dropped while the service was down: picked up when it starts
        Files.writeString(inbox.resolve("waiting.json"), "{\"data_types\":[\"metrics\"],\"name\":\"dropped before start-up\"}");
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "300"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void should_start_an_export_for_a_file_that_waited_from_before_start_up() throws Exception {
        String id = awaitProcessed("waiting.json");

        JsonNode status = service.awaitFinished(id);

        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("trigger").asText()).isEqualTo("file");
        assertThat(status.path("name").asText()).isEqualTo("dropped before start-up");
        assertThat(inbox.resolve("waiting.json")).doesNotExist();
    }

    @Test
    void should_export_what_json_and_yaml_files_ask_for() throws Exception {
        Files.writeString(inbox.resolve("errors.json"),
                "{\"data_types\":[\"logs\"],\"filters\":{\"level\":[\"ERROR\"]},\"output_format\":\"csv\"}");
        Files.writeString(inbox.resolve("events.yaml"), "data_types: [events]\noutput_format: jsonl\nname: from yaml\n");

        String jsonId = awaitProcessed("errors.json");
        String yamlId = awaitProcessed("events.yaml");

        assertThat(service.awaitFinished(jsonId).path("status").asText()).isEqualTo("completed");
        assertThat(service.exportDir(jsonId).resolve("logs.csv")).exists();
        JsonNode yaml = service.awaitFinished(yamlId);
        assertThat(yaml.path("status").asText()).isEqualTo("completed");
        assertThat(yaml.path("name").asText()).isEqualTo("from yaml");
        assertThat(service.exportDir(yamlId).resolve("events.jsonl")).exists();
        assertThat(inbox.resolve(".processed/errors.json")).content().contains("\"ERROR\"");
    }

    @Test
    void should_answer_an_invalid_file_with_the_same_error_body_as_the_api() throws Exception {
        String request = "{\"data_types\":[\"logs\",\"nope\"],\"batch_size\":0,\"filters\":{\"levle\":\"ERROR\"}}";
        Files.writeString(inbox.resolve("invalid.json"), request);

        Path error = inbox.resolve(".failed/invalid.json.error.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(".failed/invalid.json")));

        HttpResponse<String> api = service.post("/api/exports", request);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(service.mapper.readTree(error.toFile())).isEqualTo(service.json(api));
        assertThat(inbox.resolve(".failed/invalid.json")).hasContent(request);
    }

    @Test
    void should_move_a_malformed_file_to_failed() throws Exception {
        Files.writeString(inbox.resolve("malformed.yaml"), "data_types: [logs\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(".failed/malformed.yaml")));

        JsonNode error = service.mapper.readTree(inbox.resolve(".failed/malformed.yaml.error.json").toFile());
        assertThat(error.path("error").asText()).isEqualTo("malformed_json");
        assertThat(error.has("message")).isTrue();
        assertThat(error.path("details").isArray()).isTrue();
    }

    @Test
    void should_never_read_a_request_written_under_a_hidden_name_before_it_is_renamed() throws Exception {
        // every proper prefix of this JSON is malformed: a file read half-way would end in .failed
        Path hidden = inbox.resolve(".slow.json");
        try (OutputStream out = Files.newOutputStream(hidden)) {
            out.write("{\"data_types\":[\"events\"],\"output_format\":\"csv\",".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // a file dropped now is taken by a poll that also listed the half-written one
            Files.writeString(inbox.resolve("while-slow.json"), "{\"data_types\":[\"metrics\"]}");
            awaitProcessed("while-slow.json");
            assertThat(hidden).exists();
            out.write("\"name\":\"slow writer\"}".getBytes(StandardCharsets.UTF_8));
        }

        Files.move(hidden, inbox.resolve("slow.json"), StandardCopyOption.ATOMIC_MOVE);
        String id = awaitProcessed("slow.json");

        assertThat(inbox.resolve(".failed/slow.json.error.json")).doesNotExist();
        assertThat(inbox.resolve(".failed/.slow.json.error.json")).doesNotExist();
        JsonNode status = service.awaitFinished(id);
        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("name").asText()).isEqualTo("slow writer");
    }

    @Test
    void should_take_a_file_only_once_it_has_not_been_modified_for_the_read_lock_age() throws Exception {
        // given: a request whose modification time says a writer is still at it (the clock does not matter:
        // however slow this machine, the file stays modified "in the future")
        Path file = inbox.resolve("held.json");
        Files.writeString(file, "{\"data_types\":[\"metrics\"],\"name\":\"held\"}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plus(Duration.ofDays(1))));
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) service.server.camelContext()
                .getRoute(InboxRoute.ROUTE_ID).getConsumer();
        long polls = consumer.getCounter();

        // when: a whole poll that began after the file was there has ended (the next one has begun)
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.getCounter() >= polls + 2);

        // then: that poll saw the file and left it where it was
        assertThat(file).exists();
        assertThat(inbox.resolve(".processed/held.json")).doesNotExist();
        assertThat(inbox.resolve(".failed/held.json")).doesNotExist();

        // and once the file has not been modified for longer than the read lock's age, it is taken
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        String id = awaitProcessed("held.json");
        assertThat(service.awaitFinished(id).path("name").asText()).isEqualTo("held");
    }

    @Test
    void should_leave_other_and_hidden_files_alone_until_renamed() throws Exception {
        Files.writeString(inbox.resolve("notes.txt"), "not a request");
        Files.writeString(inbox.resolve(".draft.json"), "{\"data_types\":[\"metrics\"],\"name\":\"renamed\"}");
        Files.writeString(inbox.resolve("marker.json"), "{\"data_types\":[\"metrics\"]}");
        awaitProcessed("marker.json");

        assertThat(inbox.resolve("notes.txt")).hasContent("not a request");
        assertThat(inbox.resolve(".draft.json")).exists();

        Files.move(inbox.resolve(".draft.json"), inbox.resolve("draft.json"));
        String id = awaitProcessed("draft.json");
        assertThat(service.awaitFinished(id).path("name").asText()).isEqualTo("renamed");
        assertThat(inbox.resolve("notes.txt")).exists();
    }

    @Test
    void should_keep_earlier_files_of_the_same_name() throws Exception {
        Files.writeString(inbox.resolve("daily.json"), "{\"data_types\":[\"metrics\"],\"name\":\"first\"}");
        String first = awaitProcessed("daily.json");
        Files.writeString(inbox.resolve("daily.json"), "{\"data_types\":[\"metrics\"],\"name\":\"second\"}");
        String second = awaitProcessed("daily-1.json");

        assertThat(second).isNotEqualTo(first);
        assertThat(inbox.resolve(".processed/daily.json")).content().contains("first");
        assertThat(inbox.resolve(".processed/daily-1.json")).content().contains("second");
        assertThat(service.awaitFinished(second).path("name").asText()).isEqualTo("second");
    }

    /** Waits until the file is in .processed/ with its sibling; returns the export id the sibling holds. */
    private static String awaitProcessed(String name) throws IOException {
        Path moved = inbox.resolve(".processed").resolve(name);
        Path sibling = inbox.resolve(".processed").resolve(name + ".export_id");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(moved) && Files.exists(sibling));
        String id = Files.readString(sibling);
        assertThat(id).matches("^[A-Za-z0-9_-]{1,64}$");
        return id;
    }
}
