package com.exportservice.output;

import com.exportservice.config.DataType;
import com.exportservice.record.ExportRecord;
import com.exportservice.request.OutputFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.exportservice.output.Fixtures.WITHOUT_METADATA;
import static com.exportservice.output.Fixtures.WITH_METADATA;
import static com.exportservice.output.Fixtures.logRecord;
import static com.exportservice.output.Fixtures.logs;
import static com.exportservice.output.Fixtures.record;
import static com.exportservice.output.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRecordWriterTest {
    /** Reads floats as BigDecimal so precision checks are exact. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** The records of a json or jsonl file, each parsed on its own. */
    private static List<JsonNode> parse(OutputFormat format, String text) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        if (format == OutputFormat.JSON) {
            MAPPER.readTree(text).forEach(records::add);
        } else {
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    records.add(MAPPER.readTree(line));
                }
            }
            assertThat(text).endsWith("\n");
        }
        return records;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"JSON", "JSONL"})
    void should_parse_back_every_tricky_string_exactly(OutputFormat format) throws Exception {
        ExportRecord[] records = new ExportRecord[Fixtures.TRICKY.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = logRecord(i, Fixtures.TRICKY.get(i));
        }

        String text = write(format, logs(), WITHOUT_METADATA, records);

        List<JsonNode> parsed = parse(format, text);
        assertThat(parsed).hasSize(records.length);
        for (int i = 0; i < records.length; i++) {
            assertThat(parsed.get(i).get("id").longValue()).isEqualTo(i);
            assertThat(parsed.get(i).get("message").textValue()).isEqualTo(Fixtures.TRICKY.get(i));
        }
    }

    @Test
    void should_write_a_json_array_with_one_record_per_line() {
        String text = write(OutputFormat.JSON, Fixtures.idAndText(), WITHOUT_METADATA,
                record(1L, "a"), record(2L, "b\nc"));

        assertThat(text).isEqualTo("[\n{\"id\":1,\"s\":\"a\"},\n{\"id\":2,\"s\":\"b\\nc\"}\n]\n");
    }

    @Test
    void should_write_jsonl_as_one_newline_terminated_object_per_line() {
        String text = write(OutputFormat.JSONL, Fixtures.idAndText(), WITHOUT_METADATA,
                record(1L, "a"), record(2L, "b\r\nc"));

        assertThat(text).isEqualTo("{\"id\":1,\"s\":\"a\"}\n{\"id\":2,\"s\":\"b\\r\\nc\"}\n");
    }

    @Test
    void should_write_fields_in_declaration_order_under_their_output_names() throws Exception {
        String text = write(OutputFormat.JSON, logs(), WITHOUT_METADATA, logRecord(7, "m"));

        JsonNode r = parse(OutputFormat.JSON, text).get(0);
        assertThat(keys(r)).containsExactly("id", "timestamp", "message", "host", "amount", "ok", "payload");
        assertThat(r.get("timestamp").textValue()).isEqualTo("2026-11-01T00:00:00.000Z");
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"JSON", "JSONL"})
    void should_write_numbers_as_exact_json_numbers(OutputFormat format) throws Exception {
        BigDecimal precise = new BigDecimal("12345678901234567890.123456789012345678");
        String text = write(format, logs(), WITHOUT_METADATA,
                record(1L, null, null, null, precise, null, null),
                record(Long.MIN_VALUE, null, null, null, new BigDecimal("-0.00000001"), null, null),
                record(3, null, null, null, -2.5d, null, null),
                record((short) 4, null, null, null, 1.5f, null, null),
                record(5L, null, null, null, new BigInteger("123456789012345678901234567890"), null, null),
                record(6L, null, null, null, new BigDecimal("12.50"), null, null));

        List<JsonNode> r = parse(format, text);
        assertThat(r.get(0).get("amount").isNumber()).isTrue();
        assertThat(r.get(0).get("amount").decimalValue()).isEqualTo(precise);
        assertThat(r.get(1).get("id").longValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(r.get(1).get("amount").decimalValue()).isEqualByComparingTo("-0.00000001");
        assertThat(text).contains("-0.00000001").doesNotContain("1E-8");
        assertThat(r.get(2).get("amount").decimalValue()).isEqualByComparingTo("-2.5");
        assertThat(r.get(3).get("id").intValue()).isEqualTo(4);
        assertThat(r.get(3).get("amount").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(r.get(4).get("amount").bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(r.get(5).get("amount").decimalValue()).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void should_write_non_finite_numbers_as_null() throws Exception {
        String text = write(OutputFormat.JSONL, logs(), WITHOUT_METADATA,
                record(1L, null, null, null, Double.NaN, null, null),
                record(2L, null, null, null, Double.POSITIVE_INFINITY, null, null),
                record(3L, null, null, null, Float.NEGATIVE_INFINITY, null, null));

        assertThat(parse(OutputFormat.JSONL, text)).allSatisfy(r -> assertThat(r.get("amount").isNull()).isTrue());
    }

    @Test
    void should_write_nulls_booleans_and_other_objects_as_text() throws Exception {
        String text = write(OutputFormat.JSON, logs(), WITHOUT_METADATA,
                record(1L, LocalDate.of(2026, 11, 1), null, null, null, true, null),
                record(2L, null, null, null, null, false, null));

        List<JsonNode> r = parse(OutputFormat.JSON, text);
        assertThat(r.get(0).get("timestamp").textValue()).isEqualTo("2026-11-01");
        assertThat(r.get(0).get("message").isNull()).isTrue();
        assertThat(r.get(0).has("message")).isTrue();
        assertThat(r.get(0).get("ok").isBoolean()).isTrue();
        assertThat(r.get(0).get("ok").booleanValue()).isTrue();
        assertThat(r.get(1).get("ok").booleanValue()).isFalse();
    }

    @Test
    void should_write_maps_and_lists_as_nested_json() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1L);
        nested.put("b", List.of("x", 2.5d, Map.of("deep", true)));
        nested.put("c", null);

        String text = write(OutputFormat.JSONL, logs(), WITHOUT_METADATA,
                record(1L, null, null, null, null, null, nested));

        JsonNode payload = parse(OutputFormat.JSONL, text).get(0).get("payload");
        assertThat(payload.toString()).isEqualTo("{\"a\":1,\"b\":[\"x\",2.5,{\"deep\":true}],\"c\":null}");
    }

    @Test
    void should_embed_a_json_field_string_that_parses_and_keep_it_on_one_line() throws Exception {
        String pretty = "{\n  \"user\": \"u-1\",\n  \"amount\": 12345678901234567890.000000000001,\n  \"tags\": [1, \"two\"]\n}\n";

        String text = write(OutputFormat.JSONL, logs(), WITHOUT_METADATA,
                record(1L, null, null, null, null, null, pretty),
                record(2L, null, null, null, null, null, "  42 "),
                record(3L, null, null, null, null, null, "\"quoted\""));

        assertThat(text.split("\n")).hasSize(3);
        List<JsonNode> r = parse(OutputFormat.JSONL, text);
        JsonNode payload = r.get(0).get("payload");
        assertThat(payload.isObject()).isTrue();
        assertThat(payload.get("user").textValue()).isEqualTo("u-1");
        assertThat(payload.get("amount").decimalValue()).isEqualTo(new BigDecimal("12345678901234567890.000000000001"));
        assertThat(payload.get("tags").toString()).isEqualTo("[1,\"two\"]");
        assertThat(r.get(1).get("payload").intValue()).isEqualTo(42);
        assertThat(r.get(2).get("payload").textValue()).isEqualTo("quoted");
    }

    @Test
    void should_write_a_json_field_string_that_does_not_parse_as_a_string() throws Exception {
        List<String> notJson = List.of("not json", "{\"a\":1", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}",
                "", "   ", "NaN", "[1,]", "tru");
        ExportRecord[] records = new ExportRecord[notJson.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = record((long) i, null, null, null, null, null, notJson.get(i));
        }

        String text = write(OutputFormat.JSON, logs(), WITHOUT_METADATA, records);

        List<JsonNode> r = parse(OutputFormat.JSON, text);
        for (int i = 0; i < records.length; i++) {
            assertThat(r.get(i).get("payload").textValue()).isEqualTo(notJson.get(i));
        }
    }

    @Test
    void should_embed_json_field_text_with_non_ascii_and_escaped_lone_surrogates() throws Exception {
        String text = "{\"emoji\":\"😀 \\ud83d\\ude00\",\"cjk\":\"漢字\",\"lone\":\"a\\ud83db\",\"ctl\":\"\\u0001\\n\"}";

        String out = write(OutputFormat.JSONL, logs(), WITHOUT_METADATA, record(1L, null, null, null, null, null, text));

        assertThat(parse(OutputFormat.JSONL, out).get(0).get("payload")).isEqualTo(MAPPER.readTree(text));
    }

    @Test
    void should_recover_after_json_field_text_that_breaks_off_inside_a_structure() throws Exception {
        String text = write(OutputFormat.JSONL, logs(), WITHOUT_METADATA,
                record(1L, null, null, null, null, null, "[1, {\"a\": [true, "),
                record(2L, null, null, null, null, null, "{\"a\": 1} {\"b\": 2}"),
                record(3L, null, null, null, null, null, "{\"ok\": [1, 2]}"));

        List<JsonNode> r = parse(OutputFormat.JSONL, text);
        assertThat(r.get(0).get("payload").textValue()).isEqualTo("[1, {\"a\": [true, ");
        assertThat(r.get(1).get("payload").textValue()).isEqualTo("{\"a\": 1} {\"b\": 2}");
        assertThat(r.get(2).get("payload").toString()).isEqualTo("{\"ok\":[1,2]}");
    }

    @Test
    void should_not_parse_a_string_field_that_looks_like_json() throws Exception {
        String text = write(OutputFormat.JSON, logs(), WITHOUT_METADATA,
                record(1L, null, "{\"a\":1}", "[1]", null, null, null));

        JsonNode r = parse(OutputFormat.JSON, text).get(0);
        assertThat(r.get("message").textValue()).isEqualTo("{\"a\":1}");
        assertThat(r.get("host").textValue()).isEqualTo("[1]");
    }

    @Test
    void should_write_a_json_node_value_as_nested_json() throws Exception {
        JsonNode node = MAPPER.readTree("{\"k\":[1,2.50,\"v\",null,false]}");

        String text = write(OutputFormat.JSONL, logs(), WITHOUT_METADATA, record(1L, null, null, null, null, null, node));

        assertThat(parse(OutputFormat.JSONL, text).get(0).get("payload")).isEqualTo(node);
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"JSON", "JSONL"})
    void should_add_metadata_and_context_when_metadata_is_included(OutputFormat format) throws Exception {
        ExportRecord valid = logRecord(1, "ok");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("user", "u-1");
        metadata.put("nested", Map.of("n", 1L));
        valid.setMetadata(metadata);
        ExportRecord invalid = logRecord(2, "bad");
        invalid.setValidationErrors(List.of("required:message", "enum:level"));
        ExportRecord noErrors = logRecord(3, "empty error list");
        noErrors.setValidationErrors(List.of());

        String text = write(format, logs(), WITH_METADATA, valid, invalid, noErrors);

        List<JsonNode> r = parse(format, text);
        assertThat(keys(r.get(0))).containsExactly("id", "timestamp", "message", "host", "amount", "ok", "payload",
                "metadata", "context");
        assertThat(r.get(0).get("metadata").toString()).isEqualTo("{\"user\":\"u-1\",\"nested\":{\"n\":1}}");
        assertThat(r.get(0).get("context").toString()).isEqualTo(
                "{\"data_type\":\"logs\",\"export_id\":\"exp-1\",\"exported_at\":\"" + Fixtures.EXPORTED_AT + "\"}");
        assertThat(r.get(1).get("metadata").toString()).isEqualTo("{}");
        assertThat(r.get(1).get("context").get("data_type").textValue()).isEqualTo("logs");
        assertThat(r.get(1).get("context").get("validation_errors").toString())
                .isEqualTo("[\"required:message\",\"enum:level\"]");
        assertThat(r.get(2).get("context").has("validation_errors")).isFalse();
    }

    @Test
    void should_leave_out_metadata_and_context_when_metadata_is_not_included() throws Exception {
        ExportRecord r = logRecord(1, "m");
        r.setMetadata(Map.of("user", "u-1"));
        r.setValidationErrors(List.of("required:host"));

        String text = write(OutputFormat.JSONL, logs(), WITHOUT_METADATA, r);

        assertThat(keys(parse(OutputFormat.JSONL, text).get(0)))
                .containsExactly("id", "timestamp", "message", "host", "amount", "ok", "payload");
    }

    @Test
    void should_fold_a_field_named_metadata_into_the_metadata_object_when_included() throws Exception {
        ExportRecord r = record(1L, "m", "{\"from\":\"field\"}");
        r.setMetadata(Map.of("from", "field", "k", "v"));

        String text = write(OutputFormat.JSON, Fixtures.withMetadataField(), WITH_METADATA, r);

        JsonNode parsed = parse(OutputFormat.JSON, text).get(0);
        assertThat(keys(parsed)).containsExactly("id", "message", "metadata", "context");
        assertThat(parsed.get("metadata").get("k").textValue()).isEqualTo("v");
    }

    @Test
    void should_write_a_field_named_metadata_as_a_json_field_when_metadata_is_not_included() throws Exception {
        String text = write(OutputFormat.JSON, Fixtures.withMetadataField(), WITHOUT_METADATA,
                record(1L, "m", "{\"from\":\"field\"}"));

        JsonNode parsed = parse(OutputFormat.JSON, text).get(0);
        assertThat(keys(parsed)).containsExactly("id", "message", "metadata");
        assertThat(parsed.get("metadata").get("from").textValue()).isEqualTo("field");
    }

    @Test
    void should_refuse_a_field_named_context_when_metadata_is_included() {
        DataType type = new DataType("t", "t", null, "id", null, List.of(
                Fixtures.field("id", "id", com.exportservice.config.FieldType.INTEGER),
                Fixtures.field("ctx", "context", com.exportservice.config.FieldType.STRING)));

        assertThatThrownBy(() -> RecordWriters.create(OutputFormat.JSON, type, WITH_METADATA,
                new java.io.ByteArrayOutputStream(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context");
    }

    @Test
    void should_write_an_empty_array_for_an_empty_json_file() throws Exception {
        String text = write(OutputFormat.JSON, logs(), WITH_METADATA);

        assertThat(text.strip()).isEqualTo("[]");
        assertThat(MAPPER.readTree(text).isArray()).isTrue();
    }

    @Test
    void should_write_nothing_for_an_empty_jsonl_file() {
        assertThat(write(OutputFormat.JSONL, logs(), WITH_METADATA)).isEmpty();
    }
}
