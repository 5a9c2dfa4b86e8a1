package com.exportservice.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading a request document the same way for the API and the inbox: size bound, syntax errors on one line. */
class RequestDocumentsTest {
    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_read_a_json_or_yaml_request() {
        assertThat(RequestDocuments.parse(bytes("{\"data_types\": [\"logs\"]}"), json, "the file", "JSON")
                .path("data_types").get(0).asText()).isEqualTo("logs");
        assertThat(RequestDocuments.parse(bytes("data_types: [logs]\n"), new YAMLMapper(), "the file", "YAML")
                .path("data_types").get(0).asText()).isEqualTo("logs");
    }

    @Test
    void should_answer_malformed_json_with_the_problem_and_its_position_on_one_line() {
        RequestException e = catchThrowableOfType(RequestException.class,
                () -> RequestDocuments.parse(bytes("{\n  \"data_types\": [\"logs\",]\n"), json, "the request body", "JSON"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("malformed_json");
        assertThat(e.getMessage()).startsWith("the request body is not valid JSON: ").contains("(line 2, column").doesNotContain("\n");
    }

    @Test
    void should_answer_malformed_yaml_without_the_parsers_source_excerpt() {
        RequestException e = catchThrowableOfType(RequestException.class,
                () -> RequestDocuments.parse(bytes("data_types: [logs\n"), new YAMLMapper(), "the file", "YAML"));

        assertThat(e.code()).isEqualTo("malformed_json");
        assertThat(e.getMessage()).startsWith("the file is not valid YAML: ").contains("(line ").doesNotContain("\n");
    }

    @Test
    void should_refuse_a_document_over_one_mebibyte_before_parsing_it() {
        byte[] big = new byte[RequestDocuments.MAX_BYTES + 1];

        RequestException e = catchThrowableOfType(RequestException.class, () -> RequestDocuments.parse(big, json, "the file", "JSON"));

        assertThat(e.status()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("payload_too_large");
        assertThat(e.getMessage()).isEqualTo("the file is over 1048576 bytes (1 MiB)");
    }

    @Test
    void should_refuse_a_yaml_alias_instead_of_reading_it_as_a_string() {
        RequestException e = catchThrowableOfType(RequestException.class, () -> RequestDocuments.parse(
                bytes("data_types: &types [logs]\nfilters: {level: *types}\n"), new YAMLMapper(), "the file", "YAML"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("malformed_json");
        assertThat(e.getMessage()).isEqualTo("the file holds what a request may not: a YAML anchor (&types): aliases and anchors "
                + "are not accepted; write the value out (line 1, column 13)");
    }

    @Test
    void should_refuse_a_second_yaml_document_instead_of_ignoring_it() {
        RequestException e = catchThrowableOfType(RequestException.class, () -> RequestDocuments.parse(
                bytes("data_types: [logs]\n---\ndata_types: [events]\n"), new YAMLMapper(), "the file", "YAML"));

        assertThat(e.code()).isEqualTo("malformed_json");
        assertThat(e.getMessage()).contains("a second YAML document").contains("(line 3, column");
    }

    @Test
    void should_refuse_json_followed_by_more_text() {
        RequestException e = catchThrowableOfType(RequestException.class, () -> RequestDocuments.parse(
                bytes("{\"data_types\": [\"logs\"]} {\"data_types\": [\"events\"]}"), RequestDocuments.JSON, "the request body", "JSON"));

        assertThat(e.code()).isEqualTo("malformed_json");
        assertThat(e.getMessage()).startsWith("the request body is not valid JSON: ").contains("(line 1, column");
    }

    @Test
    void should_refuse_a_key_given_twice_instead_of_keeping_the_last_value() {
        RequestException json = catchThrowableOfType(RequestException.class, () -> RequestDocuments.parse(
                bytes("{\"data_types\": [\"logs\"], \"batch_size\": 1, \"batch_size\": 100000}"), RequestDocuments.JSON,
                "the request body", "JSON"));
        RequestException yaml = catchThrowableOfType(RequestException.class, () -> RequestDocuments.parse(
                bytes("data_types: [logs]\nbatch_size: 1\nbatch_size: 100000\n"), RequestDocuments.YAML, "the file", "YAML"));

        for (RequestException e : new RequestException[] {json, yaml}) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("malformed_json");
            assertThat(e.getMessage()).contains("batch_size").doesNotContain("\n");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
