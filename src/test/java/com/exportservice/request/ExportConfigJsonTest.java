package com.exportservice.request;

import com.exportservice.config.DataType;
import com.exportservice.config.DemoDataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExportConfigJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ExportConfig roundTrip(ExportConfig c) {
        return ExportConfigParser.parse(ExportConfigJson.toJson(c), DemoDataTypes.ALL);
    }

    static ExportConfig throughText(ExportConfig c) throws Exception {
        String text = JSON.writeValueAsString(ExportConfigJson.toJson(c));
        return ExportConfigParser.parse(JSON.readTree(text), DemoDataTypes.ALL);
    }

    /** The tree as a reader sees it (number node types differ between built and read trees). */
    static JsonNode reread(JsonNode json) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(json));
    }

    static FilterCondition cond(String field, FilterOperator op, Object... values) {
        return new FilterCondition(field, op, List.of(values));
    }

    @Test
    void should_write_every_field_in_snake_case() throws Exception {
        ExportConfig c = Requests.parse("""
                {"data_types": ["logs", "events"], "start_date": "2026-11-01T02:00:00+02:00", "end_date": "2026-11-02",
                 "filters": {"level": ["error", "warning"], "message": {"contains": "timeout"}, "amount": {"gt": "19.990"}},
                 "batch_size": 500, "include_metadata": false, "output_format": "jsonl", "compression": true,
                 "name": "errors for ticket 4711", "on_invalid": "fail"}""");

        ObjectNode json = ExportConfigJson.toJson(c);

        assertThat(reread(json)).isEqualTo(JSON.readTree("""
                {"data_types": ["logs", "events"], "start_date": "2026-11-01T00:00:00.000Z", "end_date": "2026-11-02T00:00:00.000Z",
                 "filters": {"level": {"in": ["ERROR", "WARN"]}, "message": {"contains": "timeout"}, "amount": {"gt": 19.99}},
                 "batch_size": 500, "include_metadata": false, "output_format": "jsonl", "compression": true,
                 "name": "errors for ticket 4711", "on_invalid": "fail"}"""));
        assertThat(roundTrip(c)).isEqualTo(c);
    }

    @Test
    void should_write_absent_values_as_null_and_no_filters_as_an_empty_object() {
        ExportConfig c = Requests.parse("{\"data_types\": [\"logs\"]}");

        ObjectNode json = ExportConfigJson.toJson(c);

        assertThat(json.get("start_date").isNull()).isTrue();
        assertThat(json.get("end_date").isNull()).isTrue();
        assertThat(json.get("name").isNull()).isTrue();
        assertThat(json.get("filters").isObject() && json.get("filters").isEmpty()).isTrue();
        assertThat(json.get("batch_size").intValue()).isEqualTo(1000);
        assertThat(json.get("on_invalid").textValue()).isEqualTo("include");
        assertThat(roundTrip(c)).isEqualTo(c);
    }

    @Test
    void should_round_trip_every_operator_and_value_type() throws Exception {
        ExportConfig c = Requests.parse("""
                {"data_types": ["logs", "events", "metrics"],
                 "filters": {"id": {"eq": 1, "ne": "2", "gt": 3, "gte": 4, "lt": 5, "lte": 6, "in": [7, 8], "is_null": false},
                             "timestamp": {"gte": "2026-11-01", "lt": "2026-11-01T10:00:00.1239+01:00"},
                             "level": {"ne": "Warn"}, "host": {"starts_with": "web-", "contains": "%_!'"},
                             "metadata": {"contains": "user"}, "success": {"in": [true, "false"]},
                             "amount": {"lte": 100.50, "gt": -0.001}, "unit": {"is_null": true}}}""");

        assertThat(roundTrip(c)).isEqualTo(c);
        assertThat(throughText(c)).isEqualTo(c);
        JsonNode yaml = new YAMLMapper().readTree(new YAMLMapper().writeValueAsString(ExportConfigJson.toJson(c)));
        assertThat(ExportConfigParser.parse(yaml, DemoDataTypes.ALL)).isEqualTo(c);
    }

    @Test
    void should_write_two_conditions_with_the_same_operator_as_all_of() throws Exception {
        ExportConfig c = new ExportConfig(List.of("logs"), null, null, List.of(
                cond("message", FilterOperator.CONTAINS, "disk"), cond("message", FilterOperator.CONTAINS, "full"),
                cond("message", FilterOperator.IS_NULL, false), cond("id", FilterOperator.GT, 5L)),
                1000, true, OutputFormat.JSON, false, null, OnInvalid.INCLUDE);

        ObjectNode json = ExportConfigJson.toJson(c);

        assertThat(reread(json.get("filters"))).isEqualTo(JSON.readTree("""
                {"message": {"all_of": [{"contains": "disk"}, {"contains": "full"}, {"is_null": false}]}, "id": {"gt": 5}}"""));
        assertThat(roundTrip(c)).isEqualTo(c);
    }

    @Test
    void should_write_numbers_a_double_cannot_hold_as_strings_so_they_stay_exact() throws Exception {
        BigDecimal precise = new BigDecimal("12345678901234567890.123456789");
        ExportConfig c = new ExportConfig(List.of("events"), null, null, List.of(cond("amount", FilterOperator.GT, precise)),
                1000, true, OutputFormat.JSON, false, null, OnInvalid.INCLUDE);

        assertThat(ExportConfigJson.toJson(c).at("/filters/amount/gt").textValue()).isEqualTo("12345678901234567890.123456789");
        assertThat(throughText(c)).isEqualTo(c);
    }

    @Test
    void should_keep_the_text_of_a_value_for_a_field_declared_differently_in_two_data_types() {
        DataType a = new DataType("a", "a", null, "id", null, List.of(FieldDef.of("id", FieldType.INTEGER), FieldDef.of("code", FieldType.INTEGER)));
        DataType b = new DataType("b", "b", null, "id", null, List.of(FieldDef.of("id", FieldType.INTEGER), FieldDef.of("code", FieldType.STRING)));
        var types = new com.exportservice.config.DataTypes(List.of(a, b));
        ExportConfig c = ExportConfigParser.parse(Requests.tree("{\"data_types\": [\"a\", \"b\"], \"filters\": {\"code\": \"42\"}}"), types);

        assertThat(ExportConfigParser.parse(ExportConfigJson.toJson(c), types)).isEqualTo(c);
    }

    @Property(tries = 300)
    void should_parse_back_to_an_equal_config(@ForAll("configs") ExportConfig c) throws Exception {
        assertThat(roundTrip(c)).isEqualTo(c);
        assertThat(throughText(c)).isEqualTo(c);
    }

    @Provide
    Arbitrary<ExportConfig> configs() {
        Arbitrary<List<String>> types = Arbitraries.of("logs", "events", "metrics").list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        Arbitrary<Instant> instants = Arbitraries.longs()
                .between(Instant.parse("0001-01-01T00:00:00Z").toEpochMilli(), Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli())
                .map(Instant::ofEpochMilli);
        Arbitrary<Instant> maybe = instants.injectNull(0.4);
        Arbitrary<String> names = strings(200).injectNull(0.3);
        return types.flatMap(ts -> Combinators.combine(maybe, maybe, filters(ts), Arbitraries.integers().between(1, 100_000),
                        Arbitraries.of(true, false), Arbitraries.of(OutputFormat.class), Arbitraries.of(true, false), names)
                .as((s, e, f, size, meta, format, zip, name) -> {
                    Instant start = s;
                    Instant end = e;
                    if (start != null && end != null && !start.isBefore(end)) {
                        start = null;
                    }
                    return new ExportConfig(ts, start, end, f, size, meta, format, zip, name, OnInvalid.SKIP);
                }));
    }

    private static Arbitrary<String> strings(int max) {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("äé€\t\n\u0000'\"\\%_!").ofMaxLength(max);
    }

    /** Conditions grouped by field, as the parser produces them; operators may repeat (all_of). */
    private static Arbitrary<List<FilterCondition>> filters(List<String> typeNames) {
        List<FieldDef> fields = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String t : typeNames) {
            for (FieldDef f : DemoDataTypes.ALL.get(t).orElseThrow().fields()) {
                if (seen.add(f.name())) {
                    fields.add(f);
                }
            }
        }
        return Arbitraries.of(fields).list().ofMaxSize(4).uniqueElements()
                .flatMap(chosen -> Combinators.combine(chosen.stream().map(f -> conditions(f)).toList())
                        .as(lists -> lists.stream().flatMap(List::stream).toList()));
    }

    private static Arbitrary<List<FilterCondition>> conditions(FieldDef f) {
        Arbitrary<FilterOperator> ops = Arbitraries.of(ExportConfigParser.operatorsFor(f.type()));
        return ops.flatMap(op -> condition(f, op)).list().ofMinSize(1).ofMaxSize(3);
    }

    private static Arbitrary<FilterCondition> condition(FieldDef f, FilterOperator op) {
        if (op == FilterOperator.IS_NULL) {
            return Arbitraries.of(true, false).map(b -> new FilterCondition(f.name(), op, List.of(b)));
        }
        Arbitrary<Object> value = value(f).map(v -> FilterValues.coerce(v, f));
        if (op == FilterOperator.IN) {
            return value.list().ofMinSize(1).ofMaxSize(4).map(vs -> new FilterCondition(f.name(), op, vs));
        }
        return value.map(v -> new FilterCondition(f.name(), op, List.of(v)));
    }

    private static Arbitrary<Object> value(FieldDef f) {
        return switch (f.type()) {
            case INTEGER -> Arbitraries.longs().map(Object.class::cast);
            case NUMBER -> Arbitraries.bigDecimals().between(new BigDecimal("-1e30"), new BigDecimal("1e30")).ofScale(8).map(Object.class::cast);
            case STRING, TEXT, JSON -> strings(30).map(Object.class::cast);
            case ENUM -> Arbitraries.of(f.values()).map(Object.class::cast);
            case TIMESTAMP -> Arbitraries.longs().between(-62135596800000L, 253402300799999L).map(ms -> (Object) Instant.ofEpochMilli(ms));
            case BOOLEAN -> Arbitraries.of(true, false).map(Object.class::cast);
        };
    }
}
