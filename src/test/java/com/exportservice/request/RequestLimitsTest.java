package com.exportservice.request;

import com.exportservice.config.DemoDataTypes;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a hostile request asks of the source database is refused before any query: too many conditions,
 * too long an {@code in} list, too many values, each with a problem naming the field; and a request with
 * tens of thousands of problems gets an answer of bounded size.
 */
class RequestLimitsTest {

    @Test
    void should_refuse_an_all_of_with_fifty_thousand_contains_conditions_with_one_problem_naming_it() {
        String conditions = IntStream.range(0, 50_000).mapToObj(i -> "{\"contains\":\"x" + i + "\"}").collect(Collectors.joining(","));

        InvalidExportConfigException e = invalid("{\"data_types\":[\"logs\"],\"filters\":{\"message\":{\"all_of\":[" + conditions + "]}}}");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("filters.message.all_of");
            assertThat(p.problem()).contains("at most " + RequestLimits.MAX_CONDITIONS + " conditions").contains("50000");
        });
    }

    @Test
    void should_refuse_an_in_list_of_120000_values_naming_the_field_without_a_problem_per_value() {
        String values = IntStream.range(0, 120_000).mapToObj(String::valueOf).collect(Collectors.joining(","));

        InvalidExportConfigException object = invalid("{\"data_types\":[\"logs\"],\"filters\":{\"id\":{\"in\":[" + values + "]}}}");
        InvalidExportConfigException array = invalid("{\"data_types\":[\"logs\"],\"filters\":{\"id\":[" + values + "]}}");

        assertThat(object.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("filters.id.in");
            assertThat(p.problem()).isEqualTo("at most 1000 values in one list, got 120000");
        });
        assertThat(array.problems()).singleElement().extracting(Problem::field).isEqualTo("filters.id");
    }

    @Test
    void should_accept_lists_and_conditions_up_to_the_limits() {
        String values = IntStream.range(0, RequestLimits.MAX_IN_VALUES).mapToObj(String::valueOf).collect(Collectors.joining(","));
        String conditions = IntStream.range(0, RequestLimits.MAX_CONDITIONS - 1).mapToObj(i -> "{\"contains\":\"x" + i + "\"}")
                .collect(Collectors.joining(","));

        ExportConfig config = Requests.parse("{\"data_types\":[\"logs\"],\"filters\":{\"id\":[" + values + "],"
                + "\"message\":{\"all_of\":[" + conditions + "]}}}");

        assertThat(config.filters()).hasSize(RequestLimits.MAX_CONDITIONS);
        assertThat(config.filters().get(0).values()).hasSize(RequestLimits.MAX_IN_VALUES);
    }

    @Test
    void should_refuse_more_conditions_than_the_limit_spread_over_fields_and_operators_once() {
        // 101 conditions: each of 101 operators on four fields
        StringBuilder filters = new StringBuilder("{\"id\":{\"all_of\":[");
        filters.append(IntStream.range(0, 98).mapToObj(i -> "{\"ne\":" + i + "}").collect(Collectors.joining(",")));
        filters.append("]},\"host\":\"a\",\"source\":\"b\",\"message\":{\"contains\":\"c\"}}");

        InvalidExportConfigException e = invalid("{\"data_types\":[\"logs\"],\"filters\":" + filters + "}");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("filters");
            assertThat(p.problem()).contains("at most 100 conditions per request");
        });
    }

    @Test
    void should_refuse_more_filter_values_than_the_limit_in_all_lists_together() {
        String list = IntStream.range(0, 1_000).mapToObj(String::valueOf).collect(Collectors.joining(","));
        String filters = IntStream.range(0, 6).mapToObj(i -> "{\"in\":[" + list + "]}").collect(Collectors.joining(","));

        InvalidExportConfigException e = invalid("{\"data_types\":[\"logs\"],\"filters\":{\"id\":{\"all_of\":[" + filters + "]}}}");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("filters");
            assertThat(p.problem()).contains("at most " + RequestLimits.MAX_FILTER_VALUES + " filter values")
                    .contains("filters.id.all_of[5].in");
        });
    }

    @Test
    void should_list_the_first_hundred_of_fifty_thousand_problems_and_count_them_all() {
        String fields = IntStream.range(0, 50_000).mapToObj(i -> "\"f" + i + "\":1").collect(Collectors.joining(","));

        InvalidExportConfigException e = invalid("{\"data_types\":[\"logs\"]," + fields + "}");

        assertThat(e.total()).isEqualTo(50_000);
        assertThat(e.problems()).hasSize(RequestLimits.MAX_LISTED_PROBLEMS);
        assertThat(e.problems().get(0).field()).isEqualTo("f0");
        assertThat(e.getMessage()).contains("(and 49999 more)");
    }

    @Test
    void should_keep_every_problem_of_an_ordinary_bad_request() {
        InvalidExportConfigException e = invalid("{\"data_types\":[\"logz\"],\"batch_size\":0,\"colour\":1}");

        assertThat(e.total()).isEqualTo(e.problems().size()).isEqualTo(3);
        assertThat(e.problems()).extracting(Problem::field).containsExactlyInAnyOrder("data_types[0]", "batch_size", "colour");
    }

    private static InvalidExportConfigException invalid(String json) {
        InvalidExportConfigException e = catchThrowableOfType(InvalidExportConfigException.class,
                () -> ExportConfigParser.parse(Requests.tree(json), DemoDataTypes.ALL));
        assertThat(e).as("refused: " + json.substring(0, Math.min(80, json.length()))).isNotNull();
        return e;
    }
}
