package com.exportservice.transform;

import static com.exportservice.config.DemoDataTypes.logRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.exportservice.config.DemoDataTypes;
import com.exportservice.record.ExportRecord;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordTransformerTest {
    private final RecordTransformer logs = new RecordTransformer(DemoDataTypes.LOGS, ZoneOffset.UTC, true);

    @Test
    void should_write_timestamps_as_utc_millis_with_z() {
        ExportRecord r = new ExportRecord(logRow(1L, OffsetDateTime.parse("2026-11-26T05:13:03.123456+01:00"),
                "INFO", "m", null, null, null, null), 1L);
        logs.transform(r);
        assertThat(r.values()[1]).isEqualTo("2026-11-26T04:13:03.123Z");
    }

    @Test
    void should_read_zone_less_timestamps_in_the_source_zone() {
        RecordTransformer t = new RecordTransformer(DemoDataTypes.LOGS, ZoneId.of("America/New_York"), false);
        ExportRecord a = new ExportRecord(logRow(1L, LocalDateTime.of(2026, 1, 15, 8, 0, 0, 999_999_999),
                "INFO", "m", null, null, null, null), 1L);
        ExportRecord b = new ExportRecord(logRow(2L, "2026-01-15 08:00:00", "INFO", "m", null, null, null, null), 2L);
        t.transform(a);
        t.transform(b);
        assertThat(a.values()[1]).isEqualTo("2026-01-15T13:00:00.999Z");
        assertThat(b.values()[1]).isEqualTo("2026-01-15T13:00:00.000Z");
    }

    @Test
    void should_leave_unreadable_timestamps_as_they_are() {
        ExportRecord r = new ExportRecord(logRow(1L, "not a date", "INFO", "m", null, null, null, null), 1L);
        logs.transform(r);
        assertThat(r.values()[1]).isEqualTo("not a date");
    }

    @Test
    void should_map_enum_values_to_canonical_and_upper_case_the_rest() {
        String[][] cases = {{"warning", "WARN"}, {"err", "ERROR"}, {"Info", "INFO"}, {" debug ", "DEBUG"},
                {"verbose", "VERBOSE"}, {"\u001B[31mfatal\u001B[0m", "FATAL"}};
        for (String[] c : cases) {
            ExportRecord r = new ExportRecord(logRow(1L, null, c[0], "m", null, null, null, null), 1L);
            logs.transform(r);
            assertThat(r.values()[2]).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void should_clean_text_and_keep_strings_exactly_as_stored() {
        String source = "  app\tserver ";
        String host = "\u001B[32mweb-01\u001B[0m";
        String trace = "  0af7651916cd43dd8448eb211c80319c\n";
        ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", "\u001B[1m  Disk\t\tfull \r\n on /dev/sda\u0000 ",
                source, host, trace, null), 1L);
        logs.transform(r);
        assertThat(r.values()[3]).isEqualTo("Disk full on /dev/sda");
        assertThat(r.values()[4]).isSameAs(source);
        assertThat(r.values()[5]).isSameAs(host);
        assertThat(r.values()[6]).isSameAs(trace);
    }

    @Test
    void should_keep_tabs_newlines_and_edge_spaces_of_strings() {
        for (String s : new String[] {"multi\nline\r\nstring", "\tTABSTART", "host ", " ", "\r", "a  b"}) {
            ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", "m", s, null, null, null), 1L);
            logs.transform(r);
            assertThat(r.values()[4]).as(s).isEqualTo(s);
        }
    }

    @Test
    void should_keep_a_clean_string_instance() {
        String message = "all good";
        ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", message, null, null, null, null), 1L);
        logs.transform(r);
        assertThat(r.values()[3]).isSameAs(message);
    }

    @Test
    void should_write_non_text_values_of_string_fields_as_strings() {
        ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", 42L, 7, true, null, null), 1L);
        logs.transform(r);
        assertThat(r.values()).containsSubsequence("42", "7", "true");
    }

    @Test
    void should_keep_json_text_and_build_metadata_from_json_and_text_pairs() {
        ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", "request done user=alice status=500 took=12ms",
                null, null, null, "{\"status\": 200, \"region\": \"eu\"}"), 1L);
        logs.transform(r);
        assertThat(r.values()[7]).isEqualTo("{\"status\": 200, \"region\": \"eu\"}");
        assertThat(r.metadata()).containsExactly(entry("user", "alice"), entry("status", 200),
                entry("took", "12ms"), entry("region", "eu"));
    }

    @Test
    void should_find_the_pairs_of_each_text_from_its_own_chars_record_after_record() {
        // the transformer scans a copy of each text's chars that it keeps from record to record: a long
        // text (an array of its own), a dirty one (the cleaned text copied over), then a short one after
        // them (the chars past its end are the earlier texts')
        String longText = "a=1 b=\"x y\" " + "z".repeat(5000) + " c=3";
        String[][] cases = {
                {longText, "{\"a\":\"1\",\"b\":\"x y\",\"c\":\"3\"}"},
                {"  user=bob\u001B[31m   city=Z\u00FCrich\t note=caf\u00E9\u20AC  ", "{\"user\":\"bob\",\"city\":\"Z\u00FCrich\",\"note\":\"caf\u00E9\u20AC\"}"},
                {"k=v user=a user=b", "{\"k\":\"v\",\"user\":\"a\"}"},
                {"k=", null},
                {"x=1", "{\"x\":\"1\"}"}};
        for (String[] c : cases) {
            ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", c[0], null, null, null, null), 1L);
            logs.transform(r);
            assertThat(r.metadataJson()).as(c[0]).isEqualTo(c[1]);
            assertThat(r.values()[3]).isEqualTo(TextCleaner.clean(c[0]));
        }
    }

    @Test
    void should_put_a_non_object_json_value_under_the_field_name() {
        ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", "m", null, null, null, "[1, 2.50]"), 1L);
        logs.transform(r);
        assertThat(r.metadata()).containsExactly(entry("metadata", List.of(1, new BigDecimal("2.50"))));
    }

    @Test
    void should_give_empty_metadata_when_there_is_nothing_or_json_is_broken() {
        ExportRecord empty = new ExportRecord(logRow(1L, null, "INFO", "m", null, null, null, null), 1L);
        ExportRecord broken = new ExportRecord(logRow(2L, null, "INFO", "m", null, null, null, "{oops"), 2L);
        ExportRecord nul = new ExportRecord(logRow(3L, null, "INFO", "m", null, null, null, "null"), 3L);
        logs.transform(empty);
        logs.transform(broken);
        logs.transform(nul);
        assertThat(empty.metadata()).isEmpty();
        assertThat(broken.metadata()).isEmpty();
        assertThat(broken.values()[7]).isEqualTo("{oops");
        assertThat(nul.metadata()).isEmpty();
    }

    @Test
    void should_leave_metadata_null_when_not_included() {
        RecordTransformer t = new RecordTransformer(DemoDataTypes.LOGS, ZoneOffset.UTC, false);
        ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", "a=1", null, null, null, "{\"b\":2}"), 1L);
        t.transform(r);
        assertThat(r.metadata()).isNull();
        assertThat(r.values()[3]).isEqualTo("a=1");
    }

    @Test
    void should_convert_textual_numbers_and_booleans_and_keep_java_numbers() {
        RecordTransformer t = new RecordTransformer(DemoDataTypes.EVENTS, ZoneOffset.UTC, false);
        ExportRecord text = new ExportRecord(new Object[] {"17", "2026-01-01", "login", "u-000001", "12.50", "t", "", null}, "17");
        ExportRecord typed = new ExportRecord(new Object[] {17L, null, "LOGIN", "u-000001", 12.5d, 1, null, null}, 17L);
        ExportRecord bad = new ExportRecord(new Object[] {"12a", null, "nope", "x", "1,5", "maybe", null, null}, "x");
        t.transform(text);
        t.transform(typed);
        t.transform(bad);
        assertThat(text.values()).containsExactly(17L, "2026-01-01T00:00:00.000Z", "LOGIN", "u-000001",
                new BigDecimal("12.50"), true, "", null);
        assertThat(typed.values()).containsExactly(17L, null, "LOGIN", "u-000001", 12.5d, true, null, null);
        assertThat(bad.values()).containsExactly("12a", null, "NOPE", "x", "1,5", "maybe", null, null);
    }

    @Test
    void should_let_the_later_json_field_win_and_text_pairs_keep_first_occurrence() {
        ExportRecord r = new ExportRecord(logRow(1L, null, "INFO", "k=1 k=2 j=text", null, null, null,
                "{\"j\": {\"nested\": true}}"), 1L);
        logs.transform(r);
        assertThat(r.metadata()).containsExactly(entry("k", "1"), entry("j", Map.of("nested", true)));
    }
}
