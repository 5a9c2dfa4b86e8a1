package com.exportservice.inbox;

import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.util.List;
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
    void should_not_read_a_file_while_it_is_still_being_written() throws Exception {
        // every proper prefix of this JSON is malformed: a file read half-way would end in .failed
        List<String> chunks = List.of("{\"data_types\":", "[\"events\"],", "\"output_format\":\"csv\",", "\"name\":\"slow", " writer\"", "}");
        try (OutputStream out = Files.newOutputStream(inbox.resolve("slow.json"))) {
            for (String chunk : chunks) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(400); // a deliberately slow writer: about 2.4 s for the whole file
            }
        }

        String id = awaitProcessed("slow.json");

        assertThat(inbox.resolve(".failed/slow.json.error.json")).doesNotExist();
        JsonNode status = service.awaitFinished(id);
        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("name").asText()).isEqualTo("slow writer");
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
