package com.exportservice.source;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.DemoDataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.request.FilterCondition;
import com.exportservice.request.FilterOperator;
import com.exportservice.request.OnInvalid;
import com.exportservice.request.OutputFormat;
import com.exportservice.request.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterCompilerTest {
    /** Binds as the source layer does for a column without zone in a UTC source, and records the calls. */
    final List<String> boundColumns = new ArrayList<>();
    final TimestampBinder binder = (column, value) -> {
        boundColumns.add(column);
        return LocalDateTime.ofInstant(value, ZoneOffset.UTC);
    };

    SqlQuery compile(DataType type, String request, SqlDialect dialect) {
        ExportConfig c = Requests.parse(request);
        return FilterCompiler.compile(type, c, dialect, binder);
    }

    SqlQuery logs(String filters) {
        return compile(DemoDataTypes.LOGS, "{\"data_types\": [\"logs\"], \"filters\": " + filters + "}", SqlDialect.H2);
    }

    SqlQuery events(String filters, SqlDialect dialect) {
        return compile(DemoDataTypes.EVENTS, "{\"data_types\": [\"events\"], \"filters\": " + filters + "}", dialect);
    }

    static SqlQuery q(String sql, Object... params) {
        return new SqlQuery(sql, List.of(params));
    }

    @Test
    void should_yield_an_always_true_condition_when_nothing_applies() {
        assertThat(compile(DemoDataTypes.LOGS, "{\"data_types\": [\"logs\"]}", SqlDialect.H2)).isEqualTo(q("1=1"));
    }

    @Test
    void should_bound_the_timestamp_column_by_the_date_range_through_the_binder() {
        SqlQuery sql = compile(DemoDataTypes.LOGS,
                "{\"data_types\": [\"logs\"], \"start_date\": \"2026-11-01\", \"end_date\": \"2026-11-02T12:00:00+02:00\"}", SqlDialect.H2);

        assertThat(sql).isEqualTo(q("\"ts\" >= ? AND \"ts\" < ?",
                LocalDateTime.parse("2026-11-01T00:00:00"), LocalDateTime.parse("2026-11-02T10:00:00")));
        assertThat(boundColumns).containsExactly("ts", "ts");
    }

    @Test
    void should_apply_only_a_start_or_only_an_end() {
        assertThat(compile(DemoDataTypes.LOGS, "{\"data_types\": [\"logs\"], \"start_date\": \"2026-11-01\"}", SqlDialect.H2).sql())
                .isEqualTo("\"ts\" >= ?");
        assertThat(compile(DemoDataTypes.METRICS, "{\"data_types\": [\"metrics\"], \"end_date\": \"2026-11-01\"}", SqlDialect.MARIADB).sql())
                .isEqualTo("`recorded_at` < ?");
    }

    @Test
    void should_compare_integers_numbers_and_booleans_with_parameters() {
        assertThat(events("{\"id\": {\"gt\": 1, \"gte\": \"2\", \"lt\": 30, \"lte\": 40, \"eq\": 5, \"in\": [5, 6]}}", SqlDialect.H2))
                .isEqualTo(q("\"id\" > ? AND \"id\" >= ? AND \"id\" < ? AND \"id\" <= ? AND \"id\" = ? AND \"id\" IN (?, ?)",
                        1L, 2L, 30L, 40L, 5L, 5L, 6L));
        assertThat(events("{\"amount\": {\"gte\": \"19.990\"}, \"success\": true}", SqlDialect.POSTGRESQL))
                .isEqualTo(q("\"amount\" >= ? AND \"success\" = ?", new BigDecimal("19.99"), true));
    }

    @Test
    void should_compile_ne_as_is_distinct_from_so_null_rows_match() {
        assertThat(events("{\"amount\": {\"ne\": 5}}", SqlDialect.POSTGRESQL)).isEqualTo(q("\"amount\" IS DISTINCT FROM ?", new BigDecimal("5")));
        assertThat(events("{\"amount\": {\"ne\": 5}}", SqlDialect.MARIADB)).isEqualTo(q("NOT (`amount` <=> ?)", new BigDecimal("5")));
    }

    @Test
    void should_compare_timestamp_fields_through_the_binder() {
        SqlQuery sql = logs("{\"timestamp\": {\"gte\": \"2026-11-01T01:00:00+01:00\", \"in\": [\"2026-11-01\"]}}");

        assertThat(sql).isEqualTo(q("\"ts\" >= ? AND \"ts\" IN (?)",
                LocalDateTime.parse("2026-11-01T00:00:00"), LocalDateTime.parse("2026-11-01T00:00:00")));
        assertThat(boundColumns).containsExactly("ts", "ts");
    }

    @Test
    void should_match_enum_values_in_every_spelling_of_the_canonical_value() {
        assertThat(logs("{\"level\": \"Warn\"}")).isEqualTo(q("LOWER(TRIM(\"level\")) IN (?, ?)", "warn", "warning"));
        assertThat(logs("{\"level\": [\"FATAL\", \"err\"]}"))
                .isEqualTo(q("LOWER(TRIM(\"level\")) IN (?, ?, ?, ?, ?)", "crit", "critical", "fatal", "err", "error"));
    }

    @Test
    void should_compile_enum_ne_so_that_null_rows_and_other_values_match() {
        assertThat(logs("{\"level\": {\"ne\": \"warning\"}}"))
                .isEqualTo(q("(\"level\" IS NULL OR LOWER(TRIM(\"level\")) NOT IN (?, ?))", "warn", "warning"));
    }

    @Test
    void should_compile_is_null() {
        assertThat(logs("{\"host\": {\"is_null\": true}, \"source\": {\"is_null\": false}}"))
                .isEqualTo(q("\"host\" IS NULL AND \"source\" IS NOT NULL"));
    }

    @Test
    void should_search_case_insensitively_with_like_wildcards_taken_literally() {
        assertThat(logs("{\"message\": {\"contains\": \"50%_Off!\"}, \"host\": {\"starts_with\": \"WEB_\"}}"))
                .isEqualTo(q("LOWER(\"message\") LIKE ? ESCAPE '!' AND LOWER(\"host\") LIKE ? ESCAPE '!'", "%50!%!_off!!%", "web!_%"));
    }

    @Test
    void should_search_json_fields_as_text_in_each_dialect() {
        String filters = "{\"payload\": {\"contains\": \"user\"}}";

        assertThat(events(filters, SqlDialect.H2).sql()).isEqualTo("LOWER(CAST(\"payload\" AS VARCHAR)) LIKE ? ESCAPE '!'");
        assertThat(events(filters, SqlDialect.POSTGRESQL).sql()).isEqualTo("LOWER(CAST(\"payload\" AS TEXT)) LIKE ? ESCAPE '!'");
        assertThat(events(filters, SqlDialect.MARIADB).sql()).isEqualTo("LOWER(CAST(`payload` AS CHAR)) LIKE ? ESCAPE '!'");
    }

    @Test
    void should_compare_strings_exactly_on_mariadb_whose_collations_ignore_case() {
        assertThat(events("{\"user_id\": {\"eq\": \"u-1\", \"ne\": \"u-2\", \"in\": [\"u-3\"], \"gt\": \"u\"}}", SqlDialect.MARIADB).sql())
                .isEqualTo("BINARY `user_id` = ? AND NOT (BINARY `user_id` <=> ?) AND BINARY `user_id` IN (?) AND BINARY `user_id` > ?");
        assertThat(events("{\"user_id\": {\"eq\": \"u-1\"}}", SqlDialect.POSTGRESQL).sql()).isEqualTo("\"user_id\" = ?");
    }

    @Test
    void should_use_the_column_behind_a_renamed_field_and_and_everything() {
        SqlQuery sql = compile(DemoDataTypes.EVENTS, """
                {"data_types": ["events"], "start_date": "2026-11-01",
                 "filters": {"timestamp": {"lt": "2026-12-01"}, "event_type": "login", "description": {"is_null": false}}}""",
                SqlDialect.POSTGRESQL);

        assertThat(sql.sql()).isEqualTo("\"occurred_at\" >= ? AND \"occurred_at\" < ? AND LOWER(TRIM(\"event_type\")) IN (?)"
                + " AND \"description\" IS NOT NULL");
        assertThat(sql.params()).containsExactly(LocalDateTime.parse("2026-11-01T00:00"), LocalDateTime.parse("2026-12-01T00:00"), "login");
    }

    @Test
    void should_skip_filters_on_fields_the_data_type_lacks() {
        ExportConfig c = Requests.parse(
                "{\"data_types\": [\"logs\", \"events\"], \"filters\": {\"level\": \"ERROR\", \"amount\": {\"gt\": 5}}}");

        assertThat(FilterCompiler.compile(DemoDataTypes.LOGS, c, SqlDialect.H2, binder))
                .isEqualTo(q("LOWER(TRIM(\"level\")) IN (?, ?)", "err", "error"));
        assertThat(FilterCompiler.compile(DemoDataTypes.EVENTS, c, SqlDialect.H2, binder))
                .isEqualTo(q("\"amount\" > ?", new BigDecimal("5")));
    }

    @Test
    void should_convert_a_value_kept_as_text_for_each_data_type() {
        DataType a = new DataType("a", "a", null, "id", null, List.of(FieldDef.of("id", FieldType.INTEGER), FieldDef.of("code", FieldType.INTEGER),
                new FieldDef("level", "level", FieldType.ENUM, false, List.of("WARN"), java.util.Map.of("warning", "WARN"), null)));
        DataType b = new DataType("b", "b", null, "id", null, List.of(FieldDef.of("id", FieldType.INTEGER), FieldDef.of("code", FieldType.STRING),
                new FieldDef("level", "level", FieldType.ENUM, false, List.of("WARNING"), java.util.Map.of(), null)));
        ExportConfig c = ExportConfigParser.parse(Requests.tree(
                "{\"data_types\": [\"a\", \"b\"], \"filters\": {\"code\": \"42\", \"level\": \"warning\"}}"), new DataTypes(List.of(a, b)));

        assertThat(FilterCompiler.compile(a, c, SqlDialect.H2, binder))
                .isEqualTo(q("\"code\" = ? AND LOWER(TRIM(\"level\")) IN (?, ?)", 42L, "warn", "warning"));
        assertThat(FilterCompiler.compile(b, c, SqlDialect.H2, binder))
                .isEqualTo(q("\"code\" = ? AND LOWER(TRIM(\"level\")) IN (?)", "42", "warning"));
    }

    @Test
    void should_refuse_a_hand_built_date_range_on_a_data_type_without_timestamp_column() {
        ExportConfig c = new ExportConfig(List.of("snapshots"), Instant.EPOCH, null, List.of(), 1000, true,
                OutputFormat.JSON, false, null, OnInvalid.INCLUDE);

        assertThatThrownBy(() -> FilterCompiler.compile(DemoDataTypes.SNAPSHOTS, c, SqlDialect.H2, binder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp column");
    }

    @Test
    void should_refuse_a_hand_built_operator_the_field_type_does_not_take() {
        ExportConfig c = new ExportConfig(List.of("logs"), null, null,
                List.of(new FilterCondition("level", FilterOperator.GT, List.of("WARN"))), 1000, true,
                OutputFormat.JSON, false, null, OnInvalid.INCLUDE);

        assertThatThrownBy(() -> FilterCompiler.compile(DemoDataTypes.LOGS, c, SqlDialect.H2, binder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gt'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR '1'='1", "\"; DROP TABLE logs; --", "a`b", "a\"b", "?", "%", "_", "!", "\\", "') OR 1=1 --"})
    void should_keep_hostile_values_out_of_the_sql_text(String value) throws Exception {
        for (SqlDialect dialect : SqlDialect.values()) {
            SqlQuery hostile = everyStringOperator(value, dialect);
            SqlQuery benign = everyStringOperator("v", dialect);

            assertThat(hostile.sql()).isEqualTo(benign.sql());
            assertThat(hostile.params()).hasSameSizeAs(benign.params()).contains(value);
        }
    }

    private SqlQuery everyStringOperator(String value, SqlDialect dialect) throws Exception {
        String v = Requests.JSON.writeValueAsString(value);
        return compile(DemoDataTypes.LOGS, "{\"data_types\": [\"logs\"], \"filters\": {"
                + "\"host\": {\"eq\": " + v + ", \"ne\": " + v + ", \"in\": [" + v + "], \"gt\": " + v + ", \"contains\": " + v
                + ", \"starts_with\": " + v + "}, \"message\": " + v + ", \"metadata\": {\"contains\": " + v + "}}}", dialect);
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void should_only_place_quoted_identifiers_and_fixed_keywords_in_the_sql(SqlDialect dialect) {
        SqlQuery sql = compile(DemoDataTypes.LOGS, "{\"data_types\": [\"logs\"], \"filters\": {\"host\": \"x' OR '1'='1\"}}", dialect);

        assertThat(sql.sql()).isIn("\"host\" = ?", "BINARY `host` = ?");
        assertThat(sql.params()).containsExactly("x' OR '1'='1");
    }

    @Test
    void should_escape_like_wildcards_and_the_escape_character() {
        assertThat(FilterCompiler.escapeLike("a%b_c!d\\e")).isEqualTo("a!%b!_c!!d\\e");
    }
}
