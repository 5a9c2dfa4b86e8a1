package com.exportservice.request;

import com.exportservice.config.DemoDataTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static com.exportservice.request.Requests.parse;
import static com.exportservice.request.Requests.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExportConfigParserTest {

    static List<Problem> problems(String json) {
        InvalidExportConfigException e = catchThrowableOfType(InvalidExportConfigException.class, () -> parse(json));
        assertThat(e).as("expected problems for %s", json).isNotNull();
        return e.problems();
    }

    /** The only problem reported, asserting that there is exactly one. */
    static Problem problem(String json) {
        List<Problem> p = problems(json);
        assertThat(p).hasSize(1);
        return p.get(0);
    }

    @Test
    void should_apply_defaults_when_only_data_types_given() {
        ExportConfig c = parse("{\"data_types\": [\"logs\"]}");

        assertThat(c).isEqualTo(new ExportConfig(List.of("logs"), null, null, List.of(), 1000, true,
                OutputFormat.JSON, false, null, OnInvalid.INCLUDE));
    }

    @Test
    void should_read_every_field() {
        ExportConfig c = parse("""
                {"data_types": ["logs", "events"], "start_date": "2026-11-01T00:00:00Z", "end_date": "2026-11-02",
                 "filters": {"level": "ERROR"}, "batch_size": 500, "include_metadata": false, "output_format": "csv",
                 "compression": true, "name": "errors for ticket 4711", "on_invalid": "skip"}""");

        assertThat(c).isEqualTo(new ExportConfig(List.of("logs", "events"), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-02T00:00:00Z"), List.of(new FilterCondition("level", FilterOperator.EQ, List.of("ERROR"))),
                500, false, OutputFormat.CSV, true, "errors for ticket 4711", OnInvalid.SKIP));
    }

    @Test
    void should_treat_json_null_as_absent() {
        ExportConfig c = parse("""
                {"data_types": ["logs"], "start_date": null, "end_date": null, "filters": null, "batch_size": null,
                 "include_metadata": null, "output_format": null, "compression": null, "name": null, "on_invalid": null}""");

        assertThat(c).isEqualTo(parse("{\"data_types\": [\"logs\"]}"));
    }

    @Test
    void should_read_a_yaml_request() throws Exception {
        JsonNode yaml = new YAMLMapper().readTree("""
                data_types: [logs]
                start_date: 2026-11-01
                filters:
                  level: [ERROR, FATAL]
                  id: { gt: 10 }
                output_format: jsonl
                compression: true
                """);

        ExportConfig c = ExportConfigParser.parse(yaml, DemoDataTypes.ALL);

        assertThat(c.startDate()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(c.filters()).containsExactly(
                new FilterCondition("level", FilterOperator.IN, List.of("ERROR", "FATAL")),
                new FilterCondition("id", FilterOperator.GT, List.of(10L)));
        assertThat(c.outputFormat()).isEqualTo(OutputFormat.JSONL);
        assertThat(c.compression()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"logs\"]", "\"logs\"", "42", "null"})
    void should_reject_a_root_that_is_not_an_object(String json) {
        assertThat(problem(json).field()).isEqualTo("(root)");
    }

    @Test
    void should_reject_a_missing_root() {
        InvalidExportConfigException e = catchThrowableOfType(InvalidExportConfigException.class,
                () -> ExportConfigParser.parse(null, DemoDataTypes.ALL));

        assertThat(e.problems()).extracting(Problem::field).containsExactly("(root)");
    }

    @Test
    void should_reject_unknown_top_level_fields_naming_the_allowed_ones() {
        Problem p = problem("{\"data_types\": [\"logs\"], \"foo\": 1}");

        assertThat(p.field()).isEqualTo("foo");
        assertThat(p.problem()).startsWith("unknown field (allowed: data_types, start_date, end_date, filters,")
                .contains("on_invalid");
    }

    @Test
    void should_list_every_problem_not_only_the_first() {
        List<Problem> p = problems("""
                {"data_types": ["logs", "nope"], "start_date": "yesterday", "filters": {"levle": "X", "level": {"gt": "WARN"}},
                 "batch_size": "100", "include_metadata": "yes", "output_format": "xml", "compression": 1,
                 "name": 7, "on_invalid": "ignore", "foo": true}""");

        assertThat(p).extracting(Problem::field).containsExactlyInAnyOrder("foo", "data_types[1]", "start_date",
                "filters.levle", "filters.level.gt", "batch_size", "include_metadata", "output_format", "compression",
                "name", "on_invalid");
    }

    @Nested
    class DataTypesField {
        @Test
        void should_require_data_types() {
            Problem p = problem("{}");

            assertThat(p.field()).isEqualTo("data_types");
            assertThat(p.problem()).contains("required").contains("logs, events, metrics, snapshots");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"logs\"", "{\"logs\": true}", "1"})
        void should_require_an_array(String value) {
            assertThat(problem("{\"data_types\": " + value + "}").field()).isEqualTo("data_types");
        }

        @Test
        void should_reject_an_empty_list() {
            Problem p = problem("{\"data_types\": []}");

            assertThat(p.field()).isEqualTo("data_types");
            assertThat(p.problem()).contains("at least one");
        }

        @Test
        void should_reject_unknown_data_types_listing_the_declared_ones() {
            Problem p = problem("{\"data_types\": [\"logs\", \"lgos\"]}");

            assertThat(p).isEqualTo(new Problem("data_types[1]",
                    "unknown data type 'lgos' (declared: logs, events, metrics, snapshots)"));
        }

        @Test
        void should_reject_duplicates() {
            assertThat(problem("{\"data_types\": [\"logs\", \"events\", \"logs\"]}"))
                    .isEqualTo(new Problem("data_types[2]", "duplicate of data_types[0]"));
        }

        @Test
        void should_reject_names_that_are_not_strings() {
            assertThat(problem("{\"data_types\": [\"logs\", 3]}").field()).isEqualTo("data_types[1]");
        }

        @Test
        void should_keep_the_requested_order() {
            assertThat(parse("{\"data_types\": [\"metrics\", \"logs\"]}").dataTypes()).containsExactly("metrics", "logs");
        }
    }

    @Nested
    class Dates {
        @ParameterizedTest
        @CsvSource({
                "2026-11-01T00:00:00Z,          2026-11-01T00:00:00Z",
                "2026-11-01T02:30:00+02:00,     2026-11-01T00:30:00Z",
                "2026-11-01T00:00:00.123456Z,   2026-11-01T00:00:00.123Z",
                "2026-11-01T00:00:00.999999999Z, 2026-11-01T00:00:00.999Z",
                "2026-11-01T10:15:30,           2026-11-01T10:15:30Z",
                "2026-11-01T10:15,              2026-11-01T10:15:00Z",
                "2026-11-01 10:15:30,           2026-11-01T10:15:30Z",
                "2026-11-01,                    2026-11-01T00:00:00Z",
                "2026-11-01t10:15:30z,          2026-11-01T10:15:30Z"
        })
        void should_read_each_date_form_as_utc_truncated_to_milliseconds(String text, String expected) {
            assertThat(parse("{\"data_types\": [\"logs\"], \"start_date\": \"" + text + "\"}").startDate())
                    .isEqualTo(Instant.parse(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"yesterday\"", "\"2026-13-01\"", "\"2026-02-30\"", "\"2026-11-01T25:00:00Z\"", "\"\"",
                "1762000000000", "true", "\"10000-01-01\""})
        void should_reject_what_is_not_a_date(String value) {
            Problem p = problem("{\"data_types\": [\"logs\"], \"end_date\": " + value + "}");

            assertThat(p.field()).isEqualTo("end_date");
        }

        @ParameterizedTest
        @CsvSource({"2026-11-02, 2026-11-01", "2026-11-01, 2026-11-01", "2026-11-01T02:00:00+02:00, 2026-11-01T00:00:00Z"})
        void should_require_start_before_end(String start, String end) {
            Problem p = problem("{\"data_types\": [\"logs\"], \"start_date\": \"" + start + "\", \"end_date\": \"" + end + "\"}");

            assertThat(p).isEqualTo(new Problem("end_date", "must be after start_date"));
        }

        @Test
        void should_reject_a_date_range_on_a_data_type_without_timestamp_column() {
            List<Problem> p = problems("{\"data_types\": [\"logs\", \"snapshots\"], \"end_date\": \"2026-11-01\"}");

            assertThat(p).singleElement().satisfies(x -> {
                assertThat(x.field()).isEqualTo("end_date");
                assertThat(x.problem()).contains("'snapshots'").contains("no timestamp column");
            });
        }

        @Test
        void should_allow_a_data_type_without_timestamp_column_when_no_range_is_given() {
            assertThat(parse("{\"data_types\": [\"snapshots\"]}").dataTypes()).containsExactly("snapshots");
        }
    }

    @Nested
    class Options {
        @ParameterizedTest
        @ValueSource(ints = {1, 1000, 100000})
        void should_accept_batch_sizes_in_range(int size) {
            assertThat(parse("{\"data_types\": [\"logs\"], \"batch_size\": " + size + "}").batchSize()).isEqualTo(size);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "100001", "99999999999999999999", "1.5", "\"100\"", "true", "[100]"})
        void should_reject_batch_sizes_that_are_not_integers_in_range(String value) {
            Problem p = problem("{\"data_types\": [\"logs\"], \"batch_size\": " + value + "}");

            assertThat(p.field()).isEqualTo("batch_size");
            assertThat(p.problem()).contains("1 to 100000");
        }

        @ParameterizedTest
        @ValueSource(strings = {"include_metadata", "compression"})
        void should_require_booleans_to_be_json_booleans(String field) {
            assertThat(problem("{\"data_types\": [\"logs\"], \"" + field + "\": \"true\"}").field()).isEqualTo(field);
            assertThat(problem("{\"data_types\": [\"logs\"], \"" + field + "\": 1}").field()).isEqualTo(field);
        }

        @ParameterizedTest
        @CsvSource({"json, JSON", "jsonl, JSONL", "csv, CSV", "CSV, CSV"})
        void should_read_output_formats(String value, OutputFormat expected) {
            assertThat(parse("{\"data_types\": [\"logs\"], \"output_format\": \"" + value + "\"}").outputFormat()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"xml\"", "\"\"", "1", "[\"csv\"]"})
        void should_reject_unknown_output_formats(String value) {
            Problem p = problem("{\"data_types\": [\"logs\"], \"output_format\": " + value + "}");

            assertThat(p.field()).isEqualTo("output_format");
            assertThat(p.problem()).contains("json, jsonl, csv");
        }

        @ParameterizedTest
        @CsvSource({"include, INCLUDE", "skip, SKIP", "fail, FAIL"})
        void should_read_on_invalid(String value, OnInvalid expected) {
            assertThat(parse("{\"data_types\": [\"logs\"], \"on_invalid\": \"" + value + "\"}").onInvalid()).isEqualTo(expected);
        }

        @Test
        void should_reject_unknown_on_invalid() {
            Problem p = problem("{\"data_types\": [\"logs\"], \"on_invalid\": \"ignore\"}");

            assertThat(p.field()).isEqualTo("on_invalid");
            assertThat(p.problem()).contains("include, skip, fail");
        }

        @Test
        void should_accept_a_name_of_200_characters_and_reject_201() {
            String ok = "é".repeat(200);

            assertThat(parse("{\"data_types\": [\"logs\"], \"name\": \"" + ok + "\"}").name()).isEqualTo(ok);
            Problem p = problem("{\"data_types\": [\"logs\"], \"name\": \"" + "x".repeat(201) + "\"}");
            assertThat(p.field()).isEqualTo("name");
            assertThat(p.problem()).contains("200");
        }

        @Test
        void should_reject_a_name_that_is_not_a_string() {
            assertThat(problem("{\"data_types\": [\"logs\"], \"name\": 4711}").field()).isEqualTo("name");
        }
    }
}
