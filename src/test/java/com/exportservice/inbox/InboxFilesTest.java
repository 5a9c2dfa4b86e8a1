package com.exportservice.inbox;

import com.exportservice.Json;
import com.exportservice.config.DataTypes;
import com.exportservice.config.DataTypesLoader;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.status.TooManyExportsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox bean on its own: what it submits, where it sends a file, what the sibling holds. */
class InboxFilesTest {
    static final DataTypes TYPES = DataTypesLoader.loadDefault();

    @TempDir
    Path inbox;

    final ObjectMapper mapper = Json.newMapper();
    final List<JsonNode> submitted = new ArrayList<>();
    boolean queueFull;

    final InboxFiles files = new InboxFiles(request -> {
        if (queueFull) {
            throw new TooManyExportsException(100);
        }
        ExportConfigParser.parse(request, TYPES);
        submitted.add(request);
        return "exp-" + submitted.size();
    }, mapper);

    @Test
    void should_submit_a_json_file_and_send_it_to_processed_with_its_export_id() throws IOException {
        Path file = write("errors.json", "{\"data_types\":[\"logs\"],\"filters\":{\"level\":\"ERROR\"}}");

        String destination = files.handle(file);

        assertThat(destination).isEqualTo(".processed/errors.json");
        assertThat(submitted).singleElement().satisfies(r -> assertThat(r.path("filters").path("level").asText()).isEqualTo("ERROR"));
        assertThat(inbox.resolve(".processed/errors.json.export_id")).hasContent("exp-1");
        assertThat(file).as("the file component moves the file, the bean never touches it").exists();
    }

    @Test
    void should_read_yaml_files() throws IOException {
        Path file = write("weekly.yml", "data_types: [logs, events]\nstart_date: 2026-11-16\noutput_format: csv\n");

        assertThat(files.handle(file)).isEqualTo(".processed/weekly.yml");

        assertThat(submitted).singleElement().satisfies(r -> {
            assertThat(r.path("data_types")).hasSize(2);
            assertThat(r.path("start_date").asText()).isEqualTo("2026-11-16");
        });
    }

    @Test
    void should_send_an_invalid_request_to_failed_with_the_apis_error_body() throws IOException {
        Path file = write("typo.json", "{\"data_types\":[\"logz\"],\"levle\":1}");

        String destination = files.handle(file);

        assertThat(destination).isEqualTo(".failed/typo.json");
        JsonNode error = mapper.readTree(inbox.resolve(".failed/typo.json.error.json").toFile());
        assertThat(error.path("error").asText()).isEqualTo("invalid_export_config");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("details")).extracting(d -> d.path("field").asText()).containsExactlyInAnyOrder("levle", "data_types[0]");
        assertThat(submitted).isEmpty();
    }

    @Test
    void should_report_malformed_json_and_yaml_with_their_position() throws IOException {
        files.handle(write("broken.json", "{\"data_types\": [\"logs\"\n"));
        files.handle(write("broken.yaml", "data_types: [logs\nname: x\n"));

        JsonNode json = mapper.readTree(inbox.resolve(".failed/broken.json.error.json").toFile());
        assertThat(json.path("error").asText()).isEqualTo("malformed_json");
        assertThat(json.path("message").asText()).startsWith("the file is not valid JSON: ").contains("line 2");
        assertThat(json.path("details")).isEmpty();
        JsonNode yaml = mapper.readTree(inbox.resolve(".failed/broken.yaml.error.json").toFile());
        assertThat(yaml.path("error").asText()).isEqualTo("malformed_json");
        assertThat(yaml.path("message").asText()).startsWith("the file is not valid YAML: ");
    }

    @Test
    void should_reject_a_request_that_is_not_an_object() throws IOException {
        files.handle(write("list.json", "[\"logs\"]"));

        JsonNode error = mapper.readTree(inbox.resolve(".failed/list.json.error.json").toFile());
        assertThat(error.path("error").asText()).isEqualTo("invalid_export_config");
    }

    @Test
    void should_send_a_file_to_failed_when_the_queue_is_full() throws IOException {
        queueFull = true;

        assertThat(files.handle(write("late.json", "{\"data_types\":[\"logs\"]}"))).isEqualTo(".failed/late.json");

        JsonNode error = mapper.readTree(inbox.resolve(".failed/late.json.error.json").toFile());
        assertThat(error.path("error").asText()).isEqualTo("too_many_exports");
    }

    @Test
    void should_reject_a_file_over_one_mebibyte_as_the_api_does() throws IOException {
        String padding = " ".repeat(1024 * 1024);

        files.handle(write("huge.json", "{\"data_types\":[\"logs\"]}" + padding));

        JsonNode error = mapper.readTree(inbox.resolve(".failed/huge.json.error.json").toFile());
        assertThat(error.path("error").asText()).isEqualTo("payload_too_large");
        assertThat(submitted).isEmpty();
    }

    @Test
    void should_never_overwrite_an_earlier_file_of_the_same_name() throws IOException {
        Files.createDirectories(inbox.resolve(".processed"));
        Files.writeString(inbox.resolve(".processed/daily.json"), "earlier");
        Files.writeString(inbox.resolve(".processed/daily.json.export_id"), "exp-earlier");
        Files.writeString(inbox.resolve(".processed/daily-1.json.export_id"), "exp-reserved");

        String destination = files.handle(write("daily.json", "{\"data_types\":[\"logs\"]}"));

        assertThat(destination).isEqualTo(".processed/daily-2.json");
        assertThat(inbox.resolve(".processed/daily-2.json.export_id")).hasContent("exp-1");
        assertThat(inbox.resolve(".processed/daily.json")).hasContent("earlier");
        assertThat(inbox.resolve(".processed/daily.json.export_id")).hasContent("exp-earlier");
        assertThat(inbox.resolve(".processed/daily-1.json.export_id")).hasContent("exp-reserved");
    }

    @Test
    void should_give_each_rejected_file_of_one_name_its_own_error() throws IOException {
        files.handle(write("bad.yaml", "data_types: [nope]\n"));
        Files.move(inbox.resolve("bad.yaml"), inbox.resolve(".failed/bad.yaml"));
        files.handle(write("bad.yaml", "data_types: []\n"));

        assertThat(inbox.resolve(".failed/bad.yaml.error.json")).content().contains("nope");
        assertThat(inbox.resolve(".failed/bad-1.yaml.error.json")).content().contains("at least one");
    }

    @Test
    void should_leave_no_temporary_file_behind() throws IOException {
        files.handle(write("a.json", "{\"data_types\":[\"logs\"]}"));
        files.handle(write("b.json", "{"));

        try (var processed = Files.list(inbox.resolve(".processed")); var failed = Files.list(inbox.resolve(".failed"))) {
            assertThat(processed.map(p -> p.getFileName().toString())).containsExactly("a.json.export_id");
            assertThat(failed.map(p -> p.getFileName().toString())).containsExactly("b.json.error.json");
        }
    }

    @Test
    void should_move_a_symbolic_link_itself_to_failed_without_reading_its_target(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.json"), "{\"data_types\":[\"logs\"],\"name\":\"s3cr3t\"}");
        Path link = Files.createSymbolicLink(inbox.resolve("steal.json"), secret);

        boolean taken = files.accept(genericFile(link));

        assertThat(taken).as("left out of the listing: nothing reads it").isFalse();
        assertThat(submitted).isEmpty();
        Path moved = inbox.resolve(".failed/steal.json");
        assertThat(Files.isSymbolicLink(moved)).as("the link itself was moved").isTrue();
        assertThat(Files.readSymbolicLink(moved)).isEqualTo(secret);
        assertThat(secret).hasContent("{\"data_types\":[\"logs\"],\"name\":\"s3cr3t\"}");
        JsonNode error = mapper.readTree(inbox.resolve(".failed/steal.json.error.json").toFile());
        assertThat(error.path("error").asText()).isEqualTo("forbidden");
        assertThat(error.path("message").asText()).contains("symbolic link").contains("not read");
        assertThat(error.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void should_refuse_links_to_nothing_and_to_directories_and_leave_other_links_alone(@TempDir Path elsewhere) throws IOException {
        Path dangling = Files.createSymbolicLink(inbox.resolve("gone.yaml"), elsewhere.resolve("missing.yaml"));
        Path directory = Files.createSymbolicLink(inbox.resolve("dir.yml"), elsewhere);
        Path notes = Files.createSymbolicLink(inbox.resolve("notes.txt"), elsewhere);

        assertThat(files.accept(genericFile(dangling))).isFalse();
        assertThat(files.accept(genericFile(directory))).isFalse();
        assertThat(files.accept(genericFile(notes))).as("not a request file: the consumer's includeExt decides").isTrue();

        assertThat(Files.isSymbolicLink(inbox.resolve(".failed/gone.yaml"))).isTrue();
        assertThat(Files.isSymbolicLink(inbox.resolve(".failed/dir.yml"))).isTrue();
        assertThat(notes).exists();
    }

    @Test
    void should_refuse_a_file_swapped_for_a_link_after_the_listing(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("id_rsa"), "PRIVATE KEY");
        Path link = Files.createSymbolicLink(inbox.resolve("late.json"), secret);

        assertThat(files.handle(link)).isEqualTo(".failed/late.json");

        assertThat(submitted).isEmpty();
        assertThat(inbox.resolve(".failed/late.json.error.json")).content().contains("\"forbidden\"").doesNotContain("PRIVATE");
    }

    @Test
    void should_log_a_file_name_with_newlines_and_escape_codes_on_one_line(@TempDir Path elsewhere) throws IOException {
        String name = "x\n2026-11-26T04:13:03,123 INFO  [main] ExportServer - admin logged in\u001b[2K.json";
        try (com.exportservice.security.LogCapture log = new com.exportservice.security.LogCapture()) {
            files.handle(write(name, "{\"data_types\":[\"nope\"]}"));

            assertThat(log.text()).contains("inbox file x?2026-11-26T04:13:03,123 INFO  [main] ExportServer - admin logged in?[2K.json rejected")
                    .doesNotContain("\nadmin").doesNotContain("\u001b").doesNotContainPattern("(?m)^2026-11-26T04:13:03,123 INFO");
        }
        assertThat(inbox.resolve(".failed").resolve(name + ".error.json")).exists();
    }

    @Test
    void should_say_which_destination_cannot_take_files() throws IOException {
        Files.writeString(inbox.resolve(".failed"), "not a directory");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InboxFiles.prepareDestinations(inbox))
                .isInstanceOf(java.nio.file.NotDirectoryException.class)
                .hasMessage(inbox.resolve(".failed") + " is not a directory: move it away so the inbox can put files there");
    }

    private static org.apache.camel.component.file.GenericFile<java.io.File> genericFile(Path path) {
        org.apache.camel.component.file.GenericFile<java.io.File> f = new org.apache.camel.component.file.GenericFile<>();
        f.setFile(path.toFile());
        f.setAbsoluteFilePath(path.toString());
        f.setFileName(path.getFileName().toString());
        return f;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(inbox.resolve(name), content);
    }
}
