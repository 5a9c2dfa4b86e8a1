package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.exportservice.request.OutputFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static com.exportservice.output.Fixtures.WITHOUT_METADATA;
import static com.exportservice.output.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the strings, every format reads back the records that were written, one for one. */
class RecordRoundTripPropertyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Strings built from the pieces that break writers: separators, quotes, line breaks, formula starts, non-BMP text. */
    @Provide
    Arbitrary<List<String>> values() {
        Arbitrary<String> piece = Arbitraries.of("a", "Z", "0", "-1", " ", ",", ";", "\"", "'", "\n", "\r\n", "\r", "\t",
                "\\", "\\n", "=", "+", "-", "@", "#", "{", "}", "[", "]", ":", "null", "😀", "👍🏽", "漢", "e\u0301",
                "\u0000", "\u001b[31m", "\u2028", "\uFEFF");
        Arbitrary<String> value = piece.list().ofMaxSize(12).map(parts -> String.join("", parts));
        return value.list().ofMinSize(0).ofMaxSize(20);
    }

    private static ExportRecord[] records(List<String> values) {
        ExportRecord[] records = new ExportRecord[values.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = record((long) i, values.get(i));
        }
        return records;
    }

    @Property(tries = 300)
    void should_read_back_json_records(@ForAll("values") List<String> values) throws IOException {
        String text = Fixtures.write(OutputFormat.JSON, Fixtures.idAndText(), WITHOUT_METADATA, records(values));

        JsonNode array = MAPPER.readTree(text);
        assertThat(array.size()).isEqualTo(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(array.get(i).get("s").textValue()).isEqualTo(values.get(i));
        }
    }

    @Property(tries = 300)
    void should_read_back_jsonl_records_one_per_line(@ForAll("values") List<String> values) throws IOException {
        String text = Fixtures.write(OutputFormat.JSONL, Fixtures.idAndText(), WITHOUT_METADATA, records(values));

        String[] lines = text.isEmpty() ? new String[0] : text.split("\n", -1);
        assertThat(lines).hasSize(values.size() + (values.isEmpty() ? 0 : 1));
        for (int i = 0; i < values.size(); i++) {
            assertThat(MAPPER.readTree(lines[i]).get("s").textValue()).isEqualTo(values.get(i));
        }
    }

    @Property(tries = 300)
    void should_read_back_csv_records_with_guarded_formulas(@ForAll("values") List<String> values) throws IOException {
        String text = Fixtures.write(OutputFormat.CSV, Fixtures.idAndText(), WITHOUT_METADATA, records(values));

        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize(values.size() + 1);
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            boolean risky = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0;
            assertThat(rows.get(i + 1).get(0)).isEqualTo(String.valueOf(i));
            assertThat(rows.get(i + 1).get(1)).isEqualTo(risky ? "'" + v : v);
        }
    }
}
