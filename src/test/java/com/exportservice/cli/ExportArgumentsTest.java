package com.exportservice.cli;

import com.exportservice.config.DataTypes;
import com.exportservice.config.DemoDataTypes;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.request.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExportArgumentsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    ExportArguments parse(String... args) {
        return ExportArguments.parse(Arrays.asList(args), dir);
    }

    List<String> errors(String... args) {
        InvalidArgumentsException e = catchThrowableOfType(InvalidArgumentsException.class, () -> parse(args));
        assertThat(e).as("expected invalid arguments for %s", Arrays.toString(args)).isNotNull();
        return e.errors();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Nested
    class Options {
        @Test
        void should_build_the_request_in_the_api_shape_from_every_option() {
            ExportArguments a = parse("--data-types", "logs,events", "--start", "2026-11-01", "--end", "2026-11-02T00:00:00Z",
                    "--filter", "level=ERROR,WARN", "--format", "csv", "--batch-size", "500", "--compress", "--no-metadata",
                    "--name", "ticket 4711", "--on-invalid", "skip", "--out", "out");

            assertThat(a.request()).isEqualTo(json("""
                    {"data_types": ["logs", "events"], "start_date": "2026-11-01", "end_date": "2026-11-02T00:00:00Z",
                     "filters": {"level": ["ERROR", "WARN"]}, "batch_size": 500, "include_metadata": false,
                     "output_format": "csv", "compression": true, "name": "ticket 4711", "on_invalid": "skip"}"""));
            assertThat(a.outputRoot()).isEqualTo(dir.resolve("out").toAbsolutePath());
            assertThat(a.help()).isFalse();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "--data-types|logs|data_types|[\"logs\"]",
                "--start|2026-11-01|start_date|\"2026-11-01\"",
                "--end|2026-11-02|end_date|\"2026-11-02\"",
                "--filter|host=web-1|filters|{\"host\": \"web-1\"}",
                "--format|jsonl|output_format|\"jsonl\"",
                "--batch-size|250|batch_size|250",
                "--name|nightly|name|\"nightly\"",
                "--on-invalid|fail|on_invalid|\"fail\""})
        void should_accept_both_spellings_of_an_option_with_a_value(String option, String value, String field, String expected) {
            ExportArguments separate = parse(option, value);
            ExportArguments joined = parse(option + "=" + value);

            assertThat(separate.request()).isEqualTo(json("{\"" + field + "\": " + expected + "}"));
            assertThat(joined.request()).isEqualTo(separate.request());
        }

        @Test
        void should_accept_both_spellings_of_out() {
            assertThat(parse("--out=/tmp/x").outputRoot()).isEqualTo(Path.of("/tmp/x"));
            assertThat(parse("--out", "/tmp/x").outputRoot()).isEqualTo(Path.of("/tmp/x"));
        }

        @Test
        void should_send_nothing_the_user_did_not_ask_for() {
            ExportArguments a = parse("--data-types", "logs");

            assertThat(a.request()).isEqualTo(json("{\"data_types\": [\"logs\"]}"));
            assertThat(a.outputRoot()).as("the configured output directory applies").isNull();
        }

        @Test
        void should_keep_an_equals_sign_inside_a_value() {
            assertThat(parse("--name=a=b").request().get("name").asText()).isEqualTo("a=b");
            assertThat(parse("--filter", "message=x=y").request().at("/filters/message").asText()).isEqualTo("x=y");
        }

        @Test
        void should_take_a_value_starting_with_a_single_dash() {
            assertThat(parse("--batch-size", "-5").request().get("batch_size").intValue()).isEqualTo(-5);
        }

        @Test
        void should_trim_data_type_names_and_filter_values() {
            ExportArguments a = parse("--data-types", " logs , events ", "--filter", " level = ERROR , WARN ");

            assertThat(a.request()).isEqualTo(json("""
                    {"data_types": ["logs", "events"], "filters": {"level": ["ERROR", "WARN"]}}"""));
        }

        @Test
        void should_collect_repeated_filters_and_add_values_of_the_same_field() {
            ExportArguments a = parse("--filter", "level=ERROR", "--filter=host=web-1,web-2", "--filter", "level=WARN");

            assertThat(a.request().get("filters")).isEqualTo(json("""
                    {"level": ["ERROR", "WARN"], "host": ["web-1", "web-2"]}"""));
        }

        @Test
        void should_keep_filter_values_as_strings_for_the_parser_to_convert() {
            assertThat(parse("--filter", "id=5").request().at("/filters/id").isTextual()).isTrue();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "100|100",
                "+7|7",
                "99999999999999999999|99999999999999999999"})
        void should_send_an_integer_batch_size_as_a_number(String given, String expected) {
            JsonNode size = parse("--batch-size", given).request().get("batch_size");

            assertThat(size.isIntegralNumber()).isTrue();
            assertThat(size.bigIntegerValue()).hasToString(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "1.5", "10k"})
        void should_send_a_batch_size_that_is_no_integer_as_text(String given) {
            JsonNode size = parse("--batch-size", given).request().get("batch_size");

            assertThat(size.isTextual()).isTrue();
            assertThat(size.textValue()).isEqualTo(given);
        }

        @Test
        void should_pass_an_empty_data_type_list_on_for_the_parser_to_report() {
            assertThat(parse("--data-types", ",").request().get("data_types")).isEqualTo(json("[]"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--help", "-h"})
        void should_recognize_help(String flag) {
            assertThat(parse(flag).help()).isTrue();
        }

        @Test
        void should_show_help_even_when_other_arguments_are_wrong() {
            assertThat(parse("--bogus", "--help", "--start").help()).isTrue();
        }
    }

    @Nested
    class ConfigFiles {
        @Test
        void should_read_a_json_config_and_let_options_override_its_fields() throws IOException {
            file("request.json", """
                    {"data_types": ["logs"], "output_format": "json", "batch_size": 100,
                     "filters": {"level": "ERROR", "message": {"contains": "timeout"}}, "name": "from file"}""");

            ExportArguments a = parse("--config", "request.json", "--format", "csv", "--filter", "level=WARN,ERROR");

            assertThat(a.request()).isEqualTo(json("""
                    {"data_types": ["logs"], "output_format": "csv", "batch_size": 100,
                     "filters": {"level": ["WARN", "ERROR"], "message": {"contains": "timeout"}}, "name": "from file"}"""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"request.yaml", "request.yml", "REQUEST.YAML"})
        void should_read_a_yaml_config(String name) throws IOException {
            file(name, """
                    data_types: [logs, events]
                    start_date: "2026-11-01"
                    filters:
                      level: [ERROR, FATAL]
                    compression: true
                    """);

            ExportArguments a = parse("--config=" + name, "--data-types", "metrics", "--no-metadata");

            assertThat(a.request()).isEqualTo(json("""
                    {"data_types": ["metrics"], "start_date": "2026-11-01", "filters": {"level": ["ERROR", "FATAL"]},
                     "compression": true, "include_metadata": false}"""));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "request.conf|{\"data_types\": [\"logs\"]}",
                "request.txt|'data_types: [logs]'",
                "request|'data_types:\n  - logs'"})
        void should_read_json_or_yaml_from_a_file_of_another_extension(String name, String content) throws IOException {
            file(name, content);

            assertThat(parse("--config", name).request()).isEqualTo(json("{\"data_types\": [\"logs\"]}"));
        }

        @Test
        void should_read_a_config_given_by_absolute_path() throws IOException {
            Path f = file("abs.json", "{\"data_types\": [\"events\"]}");

            assertThat(ExportArguments.parse(List.of("--config", f.toString()), Path.of("/")).request())
                    .isEqualTo(json("{\"data_types\": [\"events\"]}"));
        }

        @Test
        void should_pass_the_files_unknown_fields_on_for_the_parser_to_report() throws IOException {
            file("r.json", "{\"data_types\": [\"logs\"], \"formt\": \"csv\"}");

            assertThat(parse("--config", "r.json").request().has("formt")).isTrue();
        }

        @Test
        void should_report_a_missing_config_file() {
            assertThat(errors("--config", "nope.json")).containsExactly("--config nope.json: file not found");
        }

        @Test
        void should_report_a_directory_given_as_config() throws IOException {
            Files.createDirectory(dir.resolve("sub"));

            assertThat(errors("--config", "sub")).containsExactly("--config sub: is a directory, not a file");
        }

        @Test
        void should_report_malformed_json_with_its_position() throws IOException {
            file("bad.json", "{\"data_types\": [\"logs\"\n  \"x\": 1}");

            assertThat(errors("--config", "bad.json")).singleElement().asString()
                    .startsWith("--config bad.json: not valid JSON: ")
                    .contains("(line 2, column");
        }

        @Test
        void should_report_malformed_yaml_with_its_position() throws IOException {
            file("bad.yaml", "data_types: [logs\nfilters: {");

            assertThat(errors("--config", "bad.yaml")).singleElement().asString()
                    .startsWith("--config bad.yaml: not valid YAML: ")
                    .contains("(line ");
        }

        @Test
        void should_report_a_file_that_is_neither_json_nor_yaml() throws IOException {
            file("bad.cfg", "{ [ : ");

            assertThat(errors("--config", "bad.cfg")).singleElement().asString()
                    .startsWith("--config bad.cfg: neither JSON nor YAML: ");
        }

        @Test
        void should_report_a_config_that_is_not_an_object() throws IOException {
            file("list.yaml", "- logs\n- events\n");
            file("empty.yaml", "");

            assertThat(errors("--config", "list.yaml")).containsExactly(
                    "--config list.yaml: must hold an export request object (fields data_types, start_date, ...), got an array");
            assertThat(errors("--config", "empty.yaml")).containsExactly(
                    "--config empty.yaml: is empty: it must hold an export request, e.g. {\"data_types\": [\"logs\"]}");
        }
    }

    @Nested
    class InvalidArguments {
        @Test
        void should_list_every_invalid_argument_at_once() {
            List<String> errors = errors("--data-types", "logs", "--bogus", "stray", "--filter", "level",
                    "--filter=", "--format", "csv", "--format=json", "--compress=yes", "--config", "missing.yaml",
                    "--filter", "=x", "--filter", "host=", "--", "--start");

            assertThat(errors).containsExactly(
                    "unknown option --bogus",
                    "unexpected argument 'stray': options start with --",
                    "--filter level: expected FIELD=VALUE or FIELD=V1,V2, e.g. level=ERROR,WARN",
                    "--filter: needs a value (FIELD=V1,V2)",
                    "--format: given more than once",
                    "--compress: takes no value, got 'yes'",
                    "--filter =x: expected FIELD=VALUE or FIELD=V1,V2, e.g. level=ERROR,WARN",
                    "--filter host=: needs at least one value after '='",
                    "unexpected argument '--': options start with --",
                    "--start: needs a value (DATE)",
                    "--config missing.yaml: file not found");
        }

        @Test
        void should_not_take_the_next_option_as_a_missing_value() {
            assertThat(errors("--start", "--end", "2026-11-02", "--name")).containsExactly(
                    "--start: needs a value (DATE)",
                    "--name: needs a value (TEXT)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"--data-types", "--start", "--end", "--format", "--batch-size", "--name", "--on-invalid",
                "--out", "--config", "--filter"})
        void should_report_a_missing_value_in_both_spellings(String option) {
            assertThat(errors(option)).singleElement().asString().startsWith(option + ": needs a value (");
            assertThat(errors(option + "=")).singleElement().asString().startsWith(option + ": needs a value (");
        }

        @Test
        void should_report_an_out_path_that_is_a_file() throws IOException {
            file("taken", "x");

            assertThat(errors("--data-types", "logs", "--out", "taken")).containsExactly("--out taken: exists and is not a directory");
        }

        @Test
        void should_report_an_unknown_single_dash_option() {
            assertThat(errors("-x")).containsExactly("unexpected argument '-x': options start with --");
        }
    }

    /** The command's request goes through the API's parser: its messages are the API's. */
    @Nested
    class RequestCheck {
        final DataTypes types = DemoDataTypes.DEMO;

        @Test
        void should_give_the_parser_string_filter_values_it_converts_per_field_type() {
            ExportConfig config = ExportConfigParser.parse(
                    parse("--data-types", "logs", "--filter", "id=5,6", "--filter", "level=error", "--batch-size", "10").request(),
                    types);

            assertThat(config.dataTypes()).containsExactly("logs");
            assertThat(config.batchSize()).isEqualTo(10);
            assertThat(config.filters()).hasSize(2);
        }

        @Test
        void should_let_the_parser_report_bad_values_with_the_apis_messages() {
            JsonNode request = parse("--batch-size", "abc", "--format", "xml", "--start", "yesterday").request();

            InvalidExportConfigException e = catchThrowableOfType(InvalidExportConfigException.class,
                    () -> ExportConfigParser.parse(request, types));

            List<String> fields = new ArrayList<>();
            e.problems().stream().map(Problem::field).forEach(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("data_types", "start_date", "batch_size", "output_format");
            assertThat(e.problems()).contains(
                    new Problem("batch_size", "must be an integer from 1 to 100000, got the string 'abc'"));
        }
    }
}
