package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.exportservice.request.OutputFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static com.exportservice.output.Fixtures.WITHOUT_METADATA;
import static com.exportservice.output.Fixtures.WITH_METADATA;
import static com.exportservice.output.Fixtures.logRecord;
import static com.exportservice.output.Fixtures.logs;
import static com.exportservice.output.Fixtures.record;
import static com.exportservice.output.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class CsvRecordWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** All rows, the header row first. */
    private static List<CSVRecord> parse(String text) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    private static String csv(ExportRecord... records) {
        return write(OutputFormat.CSV, logs(), WITHOUT_METADATA, records);
    }

    @Test
    void should_start_with_a_header_of_output_names_and_separate_records_with_crlf() throws IOException {
        String text = write(OutputFormat.CSV, Fixtures.idAndText(), WITHOUT_METADATA, record(1L, "a"), record(2L, "b"));

        assertThat(text).isEqualTo("id,s\r\n1,a\r\n2,b\r\n");
        assertThat(parse(csv(logRecord(1, "m"))).get(0).toList())
                .containsExactly("id", "timestamp", "message", "host", "amount", "ok", "payload");
    }

    @Test
    void should_parse_back_every_tricky_string_exactly() throws IOException {
        ExportRecord[] records = new ExportRecord[Fixtures.TRICKY.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = logRecord(i, Fixtures.TRICKY.get(i));
        }

        List<CSVRecord> rows = parse(csv(records));

        assertThat(rows).hasSize(records.length + 1);
        for (int i = 0; i < records.length; i++) {
            CSVRecord row = rows.get(i + 1);
            assertThat(row.size()).isEqualTo(7);
            assertThat(row.get(0)).isEqualTo(String.valueOf(i));
            assertThat(row.get(2)).isEqualTo(Fixtures.TRICKY.get(i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"=SUM(A1:A9)", "+1", "-1+2", "@cmd", "\tstarts with tab", "\rstarts with cr"})
    void should_prefix_a_string_cell_that_could_start_a_formula(String value) throws IOException {
        List<CSVRecord> rows = parse(csv(logRecord(1, value)));

        assertThat(rows.get(1).get(2)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"safe", "a=b", "1-2", "'quoted already", " =with leading space", ""})
    void should_leave_other_string_cells_unprefixed(String value) throws IOException {
        assertThat(parse(csv(logRecord(1, value))).get(1).get(2)).isEqualTo(value);
    }

    @Test
    void should_write_numbers_unprefixed_and_exact_also_when_negative() throws IOException {
        List<CSVRecord> rows = parse(csv(
                record(-5L, null, null, null, new BigDecimal("-12345678901234567890.000000000001"), null, null),
                record(2L, null, null, null, -2.5d, null, null),
                record(3L, null, null, null, new BigDecimal("-0.00000001"), null, null),
                record(4, null, null, null, Double.NaN, null, null)));

        assertThat(rows.get(1).get(0)).isEqualTo("-5");
        assertThat(rows.get(1).get(4)).isEqualTo("-12345678901234567890.000000000001");
        assertThat(rows.get(2).get(4)).isEqualTo("-2.5");
        assertThat(rows.get(3).get(4)).isEqualTo("-0.00000001");
        assertThat(rows.get(4).get(0)).isEqualTo("4");
        assertThat(rows.get(4).get(4)).isEmpty();
    }

    @Test
    void should_write_nulls_as_empty_cells_and_booleans_as_words() throws IOException {
        List<CSVRecord> rows = parse(csv(
                record(1L, null, null, null, null, true, null),
                record(2L, null, null, null, null, false, null)));

        assertThat(rows.get(1).toList()).containsExactly("1", "", "", "", "", "true", "");
        assertThat(rows.get(2).get(5)).isEqualTo("false");
    }

    @Test
    void should_write_nested_values_as_json_text() throws IOException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("a", -1L);
        payload.put("b", List.of("x,y", "q\"q"));

        List<CSVRecord> rows = parse(csv(
                record(1L, null, null, null, null, null, payload),
                record(2L, null, null, null, null, null, "{\"kept\":\"as written\"}")));

        assertThat(rows.get(1).get(6)).isEqualTo("{\"a\":-1,\"b\":[\"x,y\",\"q\\\"q\"]}");
        assertThat(rows.get(2).get(6)).isEqualTo("{\"kept\":\"as written\"}");
    }

    @Test
    void should_add_metadata_and_context_columns_as_json_strings_when_included() throws IOException {
        ExportRecord valid = logRecord(1, "ok");
        valid.setMetadata(Map.of("user", "u-1"));
        ExportRecord invalid = logRecord(2, "bad");
        invalid.setValidationErrors(List.of("pattern:trace_id"));

        List<CSVRecord> rows = parse(write(OutputFormat.CSV, logs(), WITH_METADATA, valid, invalid));

        assertThat(rows.get(0).toList()).containsExactly("id", "timestamp", "message", "host", "amount", "ok",
                "payload", "metadata", "context");
        assertThat(MAPPER.readTree(rows.get(1).get(7)).get("user").textValue()).isEqualTo("u-1");
        JsonNode context = MAPPER.readTree(rows.get(1).get(8));
        assertThat(context.get("data_type").textValue()).isEqualTo("logs");
        assertThat(context.get("export_id").textValue()).isEqualTo("exp-1");
        assertThat(context.get("exported_at").textValue()).isEqualTo(Fixtures.EXPORTED_AT);
        assertThat(context.has("validation_errors")).isFalse();
        assertThat(rows.get(2).get(7)).isEqualTo("{}");
        assertThat(MAPPER.readTree(rows.get(2).get(8)).get("validation_errors").toString())
                .isEqualTo("[\"pattern:trace_id\"]");
    }

    @Test
    void should_not_duplicate_the_metadata_column_for_a_field_named_metadata() throws IOException {
        ExportRecord r = record(1L, "m", "{\"k\":\"v\"}");
        r.setMetadata(Map.of("k", "v"));

        List<CSVRecord> withMetadata = parse(write(OutputFormat.CSV, Fixtures.withMetadataField(), WITH_METADATA, r));
        List<CSVRecord> without = parse(write(OutputFormat.CSV, Fixtures.withMetadataField(), WITHOUT_METADATA,
                record(1L, "m", "{\"k\":\"v\"}")));

        assertThat(withMetadata.get(0).toList()).containsExactly("id", "message", "metadata", "context");
        assertThat(withMetadata.get(1).get(2)).isEqualTo("{\"k\":\"v\"}");
        assertThat(without.get(0).toList()).containsExactly("id", "message", "metadata");
        assertThat(without.get(1).get(2)).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void should_quote_the_metadata_and_context_cells_as_commons_csv_prints_their_json_text() throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("quote", "say \"hi\", \"\"twice\"\"");
        metadata.put("lines", "a\r\nb\nc");
        metadata.put("comma;semi", "x,y;z");
        metadata.put("unicode", "Zürich café \uD83D\uDE00 \u2028");
        metadata.put("nested", Map.of("list", List.of(1, "two", Map.of("k", "\"v\""))));
        metadata.put("number", new BigDecimal("1.10"));
        metadata.put("none", null);
        ExportRecord valid = logRecord(1, "ok");
        valid.setMetadata(metadata);
        ExportRecord invalid = logRecord(2, "bad");
        invalid.setMetadata(Map.of("only", "\""));
        invalid.setValidationErrors(List.of("pattern:trace_id", "enum:\"level\""));

        String text = write(OutputFormat.CSV, logs(), WITH_METADATA, valid, invalid);

        // the two last cells of each record, as Commons CSV prints their JSON text after another cell
        String[] lines = text.split("\r\n(?=\\d)");
        for (int i = 0; i < 2; i++) {
            ExportRecord r = i == 0 ? valid : invalid;
            StringBuilder expected = new StringBuilder();
            CSVFormat.RFC4180.print(MAPPER.writeValueAsString(r.metadata()), expected, false);
            String context = i == 0 ? "{\"data_type\":\"logs\",\"export_id\":\"exp-1\",\"exported_at\":\"" + Fixtures.EXPORTED_AT + "\"}"
                    : "{\"data_type\":\"logs\",\"export_id\":\"exp-1\",\"exported_at\":\"" + Fixtures.EXPORTED_AT
                    + "\",\"validation_errors\":[\"pattern:trace_id\",\"enum:\\\"level\\\"\"]}";
            CSVFormat.RFC4180.print(context, expected, false);
            assertThat(lines[i + 1]).endsWith(expected.toString() + (i == 1 ? "\r\n" : ""));
        }
    }

    @Test
    void should_print_a_metadata_cell_byte_for_byte_as_commons_csv_prints_its_json_text() throws IOException {
        // what CsvRecordWriter printed before it printed into UTF-8 bytes: the JSON text as a String, quoted by Commons CSV
        Random random = new Random(8);
        String[] pieces = {"a", "\"", "\\", ",", "\r\n", "\t", "\u0001", "\u007f", "é", "€", "\u2028", "\uFFFF", "\uD83D\uDE00",
                "\uD800", "\uDC00", "x y", "#", "'"};
        JsonCellEncoder json = new JsonCellEncoder();
        for (int run = 0; run < 1_000; run++) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            for (int k = random.nextInt(4); k >= 0; k--) {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(5); n > 0; n--) {
                    text.append(pieces[random.nextInt(random.nextInt(4) == 0 ? pieces.length : 12)]);
                }
                Object value = switch (random.nextInt(6)) {
                    case 0 -> random.nextLong();
                    case 1 -> new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(4));
                    case 2 -> List.of(text.toString(), random.nextDouble(), Map.of("b", random.nextBoolean()));
                    case 3 -> null;
                    default -> text.toString();
                };
                metadata.put("k" + k + (random.nextInt(8) == 0 ? text : ""), value);
            }
            ExportRecord r = record(1L, "m");
            r.setMetadata(metadata);

            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            RecordWriter writer = RecordWriters.create(OutputFormat.CSV, Fixtures.idAndText(), WITH_METADATA, out, 1);
            writer.write(r);
            writer.flush();

            StringBuilder expected = new StringBuilder("1,m");
            CSVFormat.RFC4180.print(json.encode(metadata), expected, false);
            CSVFormat.RFC4180.print(json.encodeContext(WITH_METADATA, null), expected, false);
            expected.append("\r\n");
            assertThat(out.toByteArray()).as("%s", metadata)
                    .isEqualTo(expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

            // the same text as the transformer's JSON text of the metadata (QuotedJsonCell.print(String): on its bytes)
            ExportRecord asText = record(1L, "m");
            asText.setMetadataJson(json.encode(metadata), text -> metadata);
            out.reset();
            writer = RecordWriters.create(OutputFormat.CSV, Fixtures.idAndText(), WITH_METADATA, out, 1);
            writer.write(asText);
            writer.flush();
            assertThat(out.toByteArray()).as("as text %s", metadata)
                    .isEqualTo(expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void should_write_only_the_header_for_an_empty_file() {
        assertThat(write(OutputFormat.CSV, Fixtures.idAndText(), WITH_METADATA)).isEqualTo("id,s,metadata,context\r\n");
    }
}
