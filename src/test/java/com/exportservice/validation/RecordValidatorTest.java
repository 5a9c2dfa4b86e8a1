package com.exportservice.validation;

import static com.exportservice.config.DemoDataTypes.logRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.exportservice.config.DataType;
import com.exportservice.config.DemoDataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.record.ExportRecord;
import com.exportservice.testsupport.MutableClock;
import com.exportservice.transform.RecordTransformer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final RecordValidator logs = new RecordValidator(DemoDataTypes.LOGS, CLOCK);
    private final RecordValidator events = new RecordValidator(DemoDataTypes.EVENTS, CLOCK);

    static Object[] goodLog() {
        return logRow(1L, LocalDateTime.of(2026, 11, 25, 10, 0), "INFO", "started", "app", "web-01", TRACE,
                "{\"k\":1}");
    }

    private List<String> errorsOf(RecordValidator v, Object[] values) {
        ExportRecord r = new ExportRecord(values, values[0]);
        v.validate(r, new ValidationStats());
        return r.validationErrors();
    }

    private List<String> logErrors(int index, Object value) {
        Object[] row = goodLog();
        row[index] = value;
        return errorsOf(logs, row);
    }

    @Test
    void should_leave_errors_null_for_a_valid_record() {
        ExportRecord r = new ExportRecord(goodLog(), 1L);
        r.setValidationErrors(List.of("stale"));
        logs.validate(r, new ValidationStats());
        assertThat(r.validationErrors()).isNull();
        assertThat(r.isValid()).isTrue();
    }

    @Test
    void should_require_required_fields_present_and_non_empty() {
        assertThat(logErrors(3, null)).containsExactly("required:message");
        assertThat(logErrors(3, "")).containsExactly("required:message");
        assertThat(logErrors(3, " \t\r\n")).containsExactly("required:message");
        assertThat(logErrors(3, "\u001B[0m\u0000")).containsExactly("required:message");
        assertThat(logErrors(1, null)).containsExactly("required:timestamp");
        assertThat(logErrors(2, "  ")).containsExactly("required:level");
    }

    @Test
    void should_not_require_optional_fields() {
        assertThat(logErrors(6, null)).isNull();
        assertThat(logErrors(6, "")).isNull();
        assertThat(logErrors(7, " ")).isNull();
    }

    @Test
    void should_check_integer_values() {
        assertThat(logErrors(0, "12a")).containsExactly("type:id");
        assertThat(logErrors(0, 1.5d)).containsExactly("type:id");
        assertThat(logErrors(0, "12")).isNull();
        assertThat(logErrors(0, new BigDecimal("12"))).isNull();
        assertThat(logErrors(0, 12)).isNull();
    }

    @Test
    void should_check_number_and_boolean_values() {
        Object[] row = {1L, NOW.toString(), "LOGIN", "u-000001", "12.5x", "maybe", null, null};
        assertThat(errorsOf(events, row)).containsExactly("type:amount", "type:success");
        row[4] = Double.NaN;
        row[5] = 2;
        assertThat(errorsOf(events, row)).containsExactly("type:amount", "type:success");
        row[4] = "12.50";
        row[5] = "true";
        assertThat(errorsOf(events, row)).isNull();
    }

    @Test
    void should_check_enum_membership_after_alias_mapping() {
        assertThat(logErrors(2, "warning")).isNull();
        assertThat(logErrors(2, "Err")).isNull();
        assertThat(logErrors(2, "warn")).isNull();
        assertThat(logErrors(2, "verbose")).containsExactly("enum:level");
        assertThat(logErrors(2, 3)).containsExactly("enum:level");
        assertThat(logErrors(2, List.of("INFO"))).containsExactly("type:level");
    }

    @Test
    void should_check_patterns_in_full_on_the_value_as_written() {
        assertThat(logErrors(6, "XYZ")).containsExactly("pattern:trace_id");
        assertThat(logErrors(6, TRACE + "0")).containsExactly("pattern:trace_id");
        assertThat(logErrors(6, TRACE.toUpperCase())).containsExactly("pattern:trace_id");
        // a string is written exactly as stored, so surrounding whitespace is part of what must match
        assertThat(logErrors(6, " " + TRACE + "\n")).containsExactly("pattern:trace_id");
    }

    @Test
    void should_check_json_is_parseable() {
        assertThat(logErrors(7, "{oops")).containsExactly("json:metadata");
        assertThat(logErrors(7, "{} trailing")).containsExactly("json:metadata");
        assertThat(logErrors(7, "[1,2]")).isNull();
        assertThat(logErrors(7, Map.of("a", 1))).isNull();
        assertThat(logErrors(7, new byte[] {1})).containsExactly("json:metadata");
    }

    @Test
    void should_report_unreadable_timestamps_as_type_errors() {
        assertThat(logErrors(1, "yesterday")).containsExactly("type:timestamp");
        assertThat(logErrors(1, 1_700_000_000_000L)).containsExactly("type:timestamp");
        assertThat(logErrors(1, "2026-11-26T10:00:00Z")).isNull();
    }

    @Test
    void should_reject_timestamps_before_1970_or_more_than_a_day_ahead() {
        assertThat(logErrors(1, "1969-12-31T23:59:59.999Z")).containsExactly("timestamp:timestamp");
        assertThat(logErrors(1, "1970-01-01T00:00:00Z")).isNull();
        assertThat(logErrors(1, NOW.plusSeconds(86_400).toString())).isNull();
        assertThat(logErrors(1, NOW.plusSeconds(86_400).plusMillis(1).toString())).containsExactly("timestamp:timestamp");
        assertThat(logErrors(1, OffsetDateTime.parse("2099-01-01T00:00:00Z"))).containsExactly("timestamp:timestamp");
    }

    @Test
    void should_read_the_clock_again_only_for_a_timestamp_more_than_a_day_past_its_last_reading() {
        MutableClock clock = new MutableClock(NOW);
        RecordValidator v = new RecordValidator(DemoDataTypes.LOGS, clock);
        Object[] row = goodLog();
        for (int i = 0; i < 1000; i++) {
            row[1] = NOW.minusSeconds(i).toString();
            assertThat(errorsOf(v, row)).isNull();
        }
        row[1] = NOW.plusSeconds(86_400).toString(); // within the day of the reading
        assertThat(errorsOf(v, row)).isNull();
        assertThat(clock.readings()).isEqualTo(1); // not once per record

        Instant twoDaysOn = NOW.plusSeconds(2 * 86_400);
        row[1] = twoDaysOn.toString();
        assertThat(errorsOf(v, row)).containsExactly("timestamp:timestamp");
        assertThat(clock.readings()).isEqualTo(2); // read again before the verdict
        clock.set(twoDaysOn.minusSeconds(86_400));
        assertThat(errorsOf(v, row)).isNull(); // the clock moved on: read again, now within a day
        assertThat(clock.readings()).isEqualTo(3);
        row[1] = twoDaysOn.plusMillis(1).toString();
        assertThat(errorsOf(v, row)).containsExactly("timestamp:timestamp");
        row[1] = "1969-12-31T23:59:59.999Z";
        assertThat(errorsOf(v, row)).containsExactly("timestamp:timestamp");
    }

    @Test
    void should_read_zone_less_timestamps_in_the_source_zone_for_the_range_check() {
        RecordValidator tokyo = new RecordValidator(DemoDataTypes.LOGS, CLOCK, ZoneId.of("Asia/Tokyo"));
        Object[] row = goodLog();
        row[1] = "1970-01-01 08:00:00"; // 1969-12-31T23:00Z
        assertThat(errorsOf(tokyo, row)).containsExactly("timestamp:timestamp");
        assertThat(errorsOf(logs, row)).isNull();
    }

    @Test
    void should_list_every_failed_rule_in_field_order() {
        Object[] row = logRow("x1", "soon", "loud", null, "s", "h", "nope", "{");
        assertThat(errorsOf(logs, row)).containsExactly("type:id", "type:timestamp", "enum:level",
                "required:message", "pattern:trace_id", "json:metadata");
    }

    @Test
    void should_agree_with_the_transformer_on_enum_values() {
        RecordTransformer t = new RecordTransformer(DemoDataTypes.LOGS, ZoneOffset.UTC, false);
        for (String level : new String[] {"warning", "WARN", " info ", "crit", "critical", "verbose", "notice"}) {
            Object[] row = goodLog();
            row[2] = level;
            ExportRecord r = new ExportRecord(row, 1L);
            logs.validate(r, new ValidationStats());
            t.transform(r);
            boolean declared = DemoDataTypes.levels().contains((String) r.values()[2]);
            assertThat(r.isValid()).as(level).isEqualTo(declared);
        }
    }

    @Test
    void should_count_records_rules_and_metrics_into_the_stats() {
        ValidationStats stats = logs.newStats();
        Object[][] rows = {
                goodLog(),
                logRow(2L, "2026-11-25T00:00:00Z", "nope", "m", null, null, null, null),      // enum
                logRow(3L, "2026-11-25T00:00:00Z", "INFO", null, null, null, "bad", null),    // required + pattern
                logRow(4L, "2099-01-01T00:00:00Z", "INFO", "m", null, null, null, "{x"),      // timestamp + json
        };
        for (Object[] row : rows) {
            logs.validate(new ExportRecord(row, row[0]), stats);
        }
        assertThat(stats.records()).isEqualTo(4);
        assertThat(stats.valid()).isEqualTo(1);
        assertThat(stats.invalid()).isEqualTo(3);
        // present: 8 + 4 + 4 + 5 of 4 * 8
        assertThat(stats.completeness()).isEqualTo(21.0 / 32);
        assertThat(stats.consistency()).isEqualTo(2.0 / 4); // rows 2 and 4 fail enum / timestamp
        assertThat(stats.accuracy()).isEqualTo(2.0 / 4);    // rows 3 and 4 fail pattern / json
        assertThat(stats.failures("enum:level")).isEqualTo(1);
        assertThat(stats.failures("required:message")).isEqualTo(1);
        assertThat(stats.rules()).extracting(ValidationStats.RuleResult::rule).containsExactly(
                "type:id", "required:timestamp", "type:timestamp", "timestamp:timestamp", "required:level",
                "enum:level", "required:message", "pattern:trace_id", "json:metadata");
        assertThat(stats.rules()).filteredOn(r -> r.rule().equals("json:metadata"))
                .singleElement().extracting(ValidationStats.RuleResult::exampleIds).isEqualTo(List.of(4L));
    }

    @Test
    void should_declare_rules_also_into_stats_it_did_not_create() {
        ValidationStats stats = new ValidationStats();
        logs.validate(new ExportRecord(goodLog(), 1L), stats);
        assertThat(stats.rules()).hasSize(logs.ruleNames().size()).allMatch(r -> r.failures() == 0);
    }

    @Test
    void should_keep_string_ids_as_examples() {
        DataType keyed = new DataType("k", "k", null, "code", null, List.of(
                new FieldDef("code", "code", FieldType.STRING, true, null, null, null),
                new FieldDef("n", "n", FieldType.INTEGER, false, null, null, null)));
        RecordValidator v = new RecordValidator(keyed, CLOCK);
        ValidationStats stats = v.newStats();
        v.validate(new ExportRecord(new Object[] {"A-1", "x"}, "A-1"), stats);
        assertThat(stats.rules()).filteredOn(r -> r.rule().equals("type:n")).singleElement()
                .extracting(ValidationStats.RuleResult::exampleIds).isEqualTo(List.of("A-1"));
    }
}
