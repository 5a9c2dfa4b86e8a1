package com.exportservice.request;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.exportservice.request.ExportConfigParserTest.problem;
import static com.exportservice.request.ExportConfigParserTest.problems;
import static com.exportservice.request.Requests.tree;
import static com.exportservice.request.FilterOperator.CONTAINS;
import static com.exportservice.request.FilterOperator.EQ;
import static com.exportservice.request.FilterOperator.GT;
import static com.exportservice.request.FilterOperator.GTE;
import static com.exportservice.request.FilterOperator.IN;
import static com.exportservice.request.FilterOperator.IS_NULL;
import static com.exportservice.request.FilterOperator.LT;
import static com.exportservice.request.FilterOperator.LTE;
import static com.exportservice.request.FilterOperator.NE;
import static com.exportservice.request.FilterOperator.STARTS_WITH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code filters} part of a request: forms, operators, values and their problems. */
class ExportConfigFiltersTest {

    static List<FilterCondition> filters(String types, String filters) {
        return Requests.parse("{\"data_types\": " + types + ", \"filters\": " + filters + "}").filters();
    }

    static List<FilterCondition> logs(String filters) {
        return filters("[\"logs\"]", filters);
    }

    static Problem logsProblem(String filters) {
        return problem("{\"data_types\": [\"logs\"], \"filters\": " + filters + "}");
    }

    static FilterCondition cond(String field, FilterOperator op, Object... values) {
        return new FilterCondition(field, op, List.of(values));
    }

    @Nested
    class Forms {
        @Test
        void should_read_a_scalar_as_equals() {
            assertThat(logs("{\"host\": \"web-1\"}")).containsExactly(cond("host", EQ, "web-1"));
        }

        @Test
        void should_read_an_array_as_any_of() {
            assertThat(logs("{\"level\": [\"ERROR\", \"WARN\"]}")).containsExactly(cond("level", IN, "ERROR", "WARN"));
        }

        @Test
        void should_read_several_operators_on_one_field_in_request_order() {
            assertThat(logs("{\"id\": {\"gte\": 10, \"lt\": 20, \"ne\": 15}}"))
                    .containsExactly(cond("id", GTE, 10L), cond("id", LT, 20L), cond("id", NE, 15L));
        }

        @Test
        void should_read_every_operator() {
            assertThat(logs("""
                    {"id": {"eq": 1, "ne": 2, "gt": 3, "gte": 4, "lt": 5, "lte": 6, "in": [7, 8], "is_null": false},
                     "host": {"contains": "web", "starts_with": "w"}}"""))
                    .containsExactly(cond("id", EQ, 1L), cond("id", NE, 2L), cond("id", GT, 3L), cond("id", GTE, 4L),
                            cond("id", LT, 5L), cond("id", LTE, 6L), cond("id", IN, 7L, 8L), cond("id", IS_NULL, false),
                            cond("host", CONTAINS, "web"), cond("host", STARTS_WITH, "w"));
        }

        @Test
        void should_read_all_of_as_conditions_that_all_hold() {
            assertThat(logs("{\"message\": {\"all_of\": [{\"contains\": \"disk\"}, {\"contains\": \"full\"}]}}"))
                    .containsExactly(cond("message", CONTAINS, "disk"), cond("message", CONTAINS, "full"));
        }

        @Test
        void should_report_unknown_operators_at_their_path() {
            Problem p = logsProblem("{\"id\": {\"gt\": 1, \"greater\": 2}}");

            assertThat(p.field()).isEqualTo("filters.id.greater");
            assertThat(p.problem()).isEqualTo("unknown operator (allowed: eq, ne, gt, gte, lt, lte, in, contains, starts_with, is_null)");
        }

        @Test
        void should_reject_an_object_without_operators() {
            assertThat(logsProblem("{\"id\": {}}").field()).isEqualTo("filters.id");
        }

        @Test
        void should_reject_filters_that_are_not_an_object() {
            assertThat(logsProblem("[\"level\"]").field()).isEqualTo("filters");
        }

        @Test
        void should_reject_null_as_a_condition_pointing_to_is_null() {
            Problem p = logsProblem("{\"host\": null}");

            assertThat(p.field()).isEqualTo("filters.host");
            assertThat(p.problem()).contains("is_null");
        }

        @Test
        void should_reject_null_inside_a_list() {
            assertThat(logsProblem("{\"level\": [\"ERROR\", null]}").field()).isEqualTo("filters.level[1]");
        }

        @Test
        void should_reject_an_empty_list() {
            assertThat(logsProblem("{\"level\": []}").field()).isEqualTo("filters.level");
            assertThat(logsProblem("{\"level\": {\"in\": []}}").field()).isEqualTo("filters.level.in");
        }

        @Test
        void should_require_in_to_hold_an_array() {
            Problem p = logsProblem("{\"level\": {\"in\": \"ERROR\"}}");

            assertThat(p.field()).isEqualTo("filters.level.in");
            assertThat(p.problem()).contains("non-empty array");
        }

        @Test
        void should_require_single_values_for_the_other_operators() {
            assertThat(logsProblem("{\"id\": {\"eq\": [1, 2]}}").problem()).contains("single value").contains("in");
            assertThat(logsProblem("{\"id\": {\"gt\": {\"x\": 1}}}").field()).isEqualTo("filters.id.gt");
        }

        @Test
        void should_report_each_bad_list_element_at_its_index() {
            List<Problem> p = problems("{\"data_types\": [\"logs\"], \"filters\": {\"id\": {\"in\": [1, \"x\", 3, \"y\"]}}}");

            assertThat(p).extracting(Problem::field).containsExactly("filters.id.in[1]", "filters.id.in[3]");
        }
    }

    @Nested
    class Fields {
        @Test
        void should_use_output_names() {
            assertThat(logs("{\"timestamp\": {\"gte\": \"2026-11-01\"}}"))
                    .containsExactly(cond("timestamp", GTE, Instant.parse("2026-11-01T00:00:00Z")));
            assertThat(logsProblem("{\"ts\": {\"gte\": \"2026-11-01\"}}").field()).isEqualTo("filters.ts");
        }

        @Test
        void should_reject_a_field_no_selected_data_type_has_listing_the_fields() {
            Problem p = logsProblem("{\"levle\": \"ERROR\"}");

            assertThat(p.field()).isEqualTo("filters.levle");
            assertThat(p.problem()).contains("no selected data type has this field")
                    .contains("timestamp, level, message, source, host, trace_id, metadata");
        }

        @Test
        void should_reject_a_field_only_an_unselected_data_type_has() {
            assertThat(logsProblem("{\"amount\": 5}").field()).isEqualTo("filters.amount");
        }

        @Test
        void should_accept_a_field_that_only_some_selected_data_types_have() {
            assertThat(filters("[\"logs\", \"events\"]", "{\"amount\": {\"gt\": 5}}")).containsExactly(cond("amount", GT, new BigDecimal("5")));
        }

        @Test
        void should_not_pile_unknown_field_problems_on_a_bad_data_type_selection() {
            List<Problem> p = problems("{\"data_types\": [\"logs\", \"evnts\"], \"filters\": {\"amount\": 5, \"amuont\": 5}}");

            assertThat(p).extracting(Problem::field).containsExactly("data_types[1]", "filters.amuont");
        }
    }

    @Nested
    class Values {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "42          | 42",
                "\"42\"      | 42",
                "\" -7 \"    | -7",
                "9223372036854775807 | 9223372036854775807"})
        void should_read_integers_also_from_strings(String json, long expected) {
            assertThat(logs("{\"id\": " + json + "}")).containsExactly(cond("id", EQ, expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"4x\"", "4.5", "\"4.0\"", "9223372036854775808", "true", "\"\""})
        void should_reject_integers_that_are_not(String json) {
            Problem p = logsProblem("{\"id\": " + json + "}");

            assertThat(p.field()).isEqualTo("filters.id");
            assertThat(p.problem()).containsAnyOf("integer", "out of range");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "19.99       | 19.99",
                "\"19.990\"  | 19.99",
                "100         | 100",
                "\"1e2\"     | 100",
                "0.000       | 0",
                "-0.5        | -0.5"})
        void should_read_numbers_as_normalized_decimals(String json, String expected) {
            assertThat(filters("[\"events\"]", "{\"amount\": " + json + "}")).containsExactly(cond("amount", EQ, new BigDecimal(expected)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"abc\"", "\"NaN\"", "\"1e999999999\"", "false"})
        void should_reject_numbers_that_are_not(String json) {
            assertThat(problem("{\"data_types\": [\"events\"], \"filters\": {\"amount\": " + json + "}}").field())
                    .isEqualTo("filters.amount");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"true | true", "\"false\" | false", "\" TRUE \" | true"})
        void should_read_booleans_also_from_strings(String json, boolean expected) {
            assertThat(filters("[\"events\"]", "{\"success\": " + json + "}")).containsExactly(cond("success", EQ, expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"yes\"", "1"})
        void should_reject_booleans_that_are_not(String json) {
            assertThat(problem("{\"data_types\": [\"events\"], \"filters\": {\"success\": " + json + "}}").problem())
                    .contains("true or false");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "2026-11-01T10:00:00+02:00 | 2026-11-01T08:00:00Z",
                "2026-11-01T10:00:00       | 2026-11-01T10:00:00Z",
                "2026-11-01                | 2026-11-01T00:00:00Z",
                "2026-11-01T10:00:00.1239Z | 2026-11-01T10:00:00.123Z"})
        void should_read_timestamps_with_the_request_date_rules(String text, String expected) {
            assertThat(logs("{\"timestamp\": {\"lt\": \"" + text + "\"}}")).containsExactly(cond("timestamp", LT, Instant.parse(expected)));
        }

        @Test
        void should_reject_timestamps_that_are_not() {
            Problem p = logsProblem("{\"timestamp\": {\"lt\": \"tomorrow\"}}");

            assertThat(p.field()).isEqualTo("filters.timestamp.lt");
            assertThat(p.problem()).contains("ISO-8601");
        }

        @Test
        void should_keep_strings_verbatim() {
            assertThat(logs("{\"host\": \" Web-1 \"}")).containsExactly(cond("host", EQ, " Web-1 "));
        }

        @Test
        void should_reject_numbers_for_string_fields() {
            assertThat(logsProblem("{\"host\": 42}").problem()).contains("must be a string");
        }

        @ParameterizedTest
        @CsvSource({"WARN, WARN", "warn, WARN", "' Warn ', WARN", "warning, WARN", "WARNING, WARN", "information, INFO",
                "Critical, FATAL", "crit, FATAL"})
        void should_normalize_enum_values_to_the_declared_spelling(String value, String canonical) {
            assertThat(logs("{\"level\": \"" + value + "\"}")).containsExactly(cond("level", EQ, canonical));
        }

        @Test
        void should_reject_unknown_enum_values_listing_the_allowed_ones() {
            Problem p = logsProblem("{\"level\": [\"ERROR\", \"WARNISH\"]}");

            assertThat(p).isEqualTo(new Problem("filters.level[1]",
                    "unknown value 'WARNISH' (allowed: TRACE, DEBUG, INFO, WARN, ERROR, FATAL)"));
        }

        @Test
        void should_read_is_null_as_a_boolean() {
            assertThat(logs("{\"host\": {\"is_null\": true}, \"source\": {\"is_null\": \"false\"}}"))
                    .containsExactly(cond("host", IS_NULL, true), cond("source", IS_NULL, false));
            assertThat(logsProblem("{\"host\": {\"is_null\": \"web\"}}").field()).isEqualTo("filters.host.is_null");
        }

        @Test
        void should_keep_a_user_value_short_in_messages() {
            assertThat(logsProblem("{\"level\": \"" + "A".repeat(10_000) + "\"}").problem()).hasSizeLessThan(200);
        }
    }

    @Nested
    class Operators {
        @Test
        void should_offer_operators_by_field_type() {
            assertThat(ExportConfigParser.operatorsFor(FieldType.INTEGER)).containsExactly(EQ, NE, GT, GTE, LT, LTE, IN, IS_NULL);
            assertThat(ExportConfigParser.operatorsFor(FieldType.NUMBER)).containsExactly(EQ, NE, GT, GTE, LT, LTE, IN, IS_NULL);
            assertThat(ExportConfigParser.operatorsFor(FieldType.TIMESTAMP)).containsExactly(EQ, NE, GT, GTE, LT, LTE, IN, IS_NULL);
            assertThat(ExportConfigParser.operatorsFor(FieldType.STRING)).containsExactly(FilterOperator.values());
            assertThat(ExportConfigParser.operatorsFor(FieldType.TEXT)).containsExactly(EQ, NE, IN, CONTAINS, STARTS_WITH, IS_NULL);
            assertThat(ExportConfigParser.operatorsFor(FieldType.ENUM)).containsExactly(EQ, NE, IN, IS_NULL);
            assertThat(ExportConfigParser.operatorsFor(FieldType.BOOLEAN)).containsExactly(EQ, NE, IN, IS_NULL);
            assertThat(ExportConfigParser.operatorsFor(FieldType.JSON)).containsExactly(CONTAINS, STARTS_WITH, IS_NULL);
        }

        @ParameterizedTest
        @CsvSource({
                "level, gt, '\"WARN\"', 'enum field', 'eq, ne, in, is_null'",
                "level, contains, '\"WA\"', 'enum field', 'eq, ne, in, is_null'",
                "id, contains, '\"1\"', 'integer field', 'eq, ne, gt, gte, lt, lte, in, is_null'",
                "message, lt, '\"m\"', 'text field', 'eq, ne, in, contains, starts_with, is_null'",
                "metadata, ne, '\"{}\"', 'json field', 'contains, starts_with, is_null'"})
        void should_reject_operators_the_field_type_does_not_take(String field, String op, String value, String type, String allowed) {
            Problem p = logsProblem("{\"" + field + "\": {\"" + op + "\": " + value + "}}");

            assertThat(p.field()).isEqualTo("filters." + field + "." + op);
            assertThat(p.problem()).isEqualTo("operator '" + op + "' does not apply to " + type + " '" + field + "' (allowed: " + allowed + ")");
        }

        @Test
        void should_reject_the_equals_shorthand_on_json_fields() {
            assertThat(logsProblem("{\"metadata\": \"{}\"}").field()).isEqualTo("filters.metadata");
            assertThat(logs("{\"metadata\": {\"contains\": \"user\"}}")).containsExactly(cond("metadata", CONTAINS, "user"));
        }

        @Test
        void should_reject_the_other_operators_with_is_null_on_boolean_fields() {
            assertThat(problem("{\"data_types\": [\"events\"], \"filters\": {\"success\": {\"gt\": true}}}").field())
                    .isEqualTo("filters.success.gt");
        }
    }

    /** A field declared differently in two selected data types is checked against each. */
    @Nested
    class FieldInSeveralDataTypes {
        final DataType a = new DataType("a", "a", null, "id", null, List.of(
                FieldDef.of("id", FieldType.INTEGER), FieldDef.of("code", FieldType.INTEGER),
                new FieldDef("level", "level", FieldType.ENUM, false, List.of("WARN", "ERROR"), Map.of("warning", "WARN"), null)));
        final DataType b = new DataType("b", "b", null, "id", null, List.of(
                FieldDef.of("id", FieldType.INTEGER), FieldDef.of("code", FieldType.STRING),
                new FieldDef("level", "level", FieldType.ENUM, false, List.of("WARNING", "ERROR"), Map.of(), null)));
        final DataTypes types = new DataTypes(List.of(a, b));

        List<FilterCondition> parse(String filters) {
            return ExportConfigParser.parse(tree("{\"data_types\": [\"a\", \"b\"], \"filters\": " + filters + "}"), types).filters();
        }

        List<Problem> problemsOf(String filters) {
            return catchThrowableOfType(InvalidExportConfigException.class, () -> parse(filters)).problems();
        }

        @Test
        void should_keep_the_given_text_of_a_value_that_fits_every_declaration() {
            assertThat(parse("{\"code\": \"42\"}")).containsExactly(cond("code", EQ, "42"));
            assertThat(parse("{\"level\": [\" error\", \"warning\"]}")).containsExactly(cond("level", IN, " error", "warning"));
        }

        @Test
        void should_name_the_data_type_a_value_does_not_fit() {
            assertThat(problemsOf("{\"code\": \"x1\"}")).containsExactly(
                    new Problem("filters.code", "must be an integer, got 'x1' (in data type 'a')"));
        }

        @Test
        void should_reject_an_operator_one_of_the_declarations_does_not_take() {
            assertThat(problemsOf("{\"code\": {\"contains\": \"4\"}}")).extracting(Problem::problem)
                    .containsExactly("operator 'contains' does not apply to integer field 'code' (in data type 'a')"
                            + " (allowed: eq, ne, gt, gte, lt, lte, in, is_null)");
        }
    }
}
