package com.exportservice.schedule;

import com.exportservice.config.ConfigException;
import com.exportservice.config.DataTypes;
import com.exportservice.config.DataTypesLoader;
import com.exportservice.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleDefinitionsTest {
    static final String FILE = "config/schedules.yaml";
    static final DataTypes TYPES = DataTypesLoader.loadDefault();

    @TempDir
    Path dir;

    @Test
    void should_read_cron_and_every_schedules_in_file_order() {
        List<ScheduleDefinition> schedules = parse("""
                schedules:
                  - id: nightly-errors
                    cron: "0 0 2 * * ?"
                    incremental: true
                    export: { data_types: [logs], filters: { level: [ERROR, FATAL] }, output_format: jsonl, compression: true }
                  - id: metrics.quarter-hour
                    every: PT15M
                    export:
                      data_types: [metrics]
                """);

        assertThat(schedules).extracting(ScheduleDefinition::id).containsExactly("nightly-errors", "metrics.quarter-hour");
        ScheduleDefinition nightly = schedules.get(0);
        assertThat(nightly.cron()).isEqualTo("0 0 2 * * ?");
        assertThat(nightly.every()).isNull();
        assertThat(nightly.incremental()).isTrue();
        assertThat(nightly.export().path("output_format").asText()).isEqualTo("jsonl");
        ScheduleDefinition quarter = schedules.get(1);
        assertThat(quarter.cron()).isNull();
        assertThat(quarter.every()).isEqualTo(Duration.ofMinutes(15));
        assertThat(quarter.incremental()).isFalse();
    }

    @Test
    void should_have_no_schedules_when_the_file_is_empty_or_holds_only_comments() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("# schedules:\n#   - id: x\n")).isEmpty();
        assertThat(parse("schedules:\n")).isEmpty();
        assertThat(parse("schedules: []\n")).isEmpty();
    }

    @Test
    void should_ship_an_example_file_that_has_no_schedules_and_is_valid_when_uncommented() throws IOException {
        String shipped = Files.readString(Path.of(FILE));

        assertThat(ScheduleDefinitions.parse(shipped, FILE, TYPES)).isEmpty();
        // what a user gets who follows the file's advice: the lines from "# schedules:" on, without "# "
        String uncommented = shipped.substring(shipped.indexOf("# schedules:")).lines()
                .map(l -> l.startsWith("# ") ? l.substring(2) : l.replaceFirst("^#", ""))
                .collect(Collectors.joining("\n"));
        assertThat(ScheduleDefinitions.parse(uncommented, FILE, TYPES)).extracting(ScheduleDefinition::id)
                .containsExactly("nightly-errors", "metrics-every-15-minutes");
    }

    @Test
    void should_have_no_schedules_when_the_default_file_is_missing() {
        assertThat(ScheduleDefinitions.load(settings(Map.of()), dir, TYPES)).isEmpty();
        assertThat(ScheduleDefinitions.load(settings(Map.of(ScheduleDefinitions.SETTING, FILE)), dir, TYPES)).isEmpty();
        assertThat(ScheduleDefinitions.load(settings(Map.of(ScheduleDefinitions.SETTING, "")), dir, TYPES)).isEmpty();
    }

    @Test
    void should_stop_when_an_explicitly_named_file_is_missing() {
        assertThatThrownBy(() -> ScheduleDefinitions.load(settings(Map.of(ScheduleDefinitions.SETTING, "etc/nightly.yaml")), dir, TYPES))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("etc/nightly.yaml: schedules file not found");
    }

    @Test
    void should_load_the_file_named_by_the_setting() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/nightly.yaml"), "schedules:\n  - { id: a, every: PT1M, export: { data_types: [logs] } }\n");

        List<ScheduleDefinition> schedules = ScheduleDefinitions.load(
                settings(Map.of(ScheduleDefinitions.SETTING, "etc/nightly.yaml")), dir, TYPES);

        assertThat(schedules).extracting(ScheduleDefinition::id).containsExactly("a");
    }

    @Test
    void should_name_the_file_and_schedule_for_an_unknown_key() {
        assertProblems("""
                schedules:
                  - id: nightly
                    every: PT1H
                    incremetal: true
                    export: { data_types: [logs] }
                """, "config/schedules.yaml: schedule 'nightly': unknown key 'incremetal'");
    }

    @Test
    void should_require_exactly_one_of_cron_and_every() {
        assertProblems("""
                schedules:
                  - { id: both, cron: "0 * * * * ?", every: PT1M, export: { data_types: [logs] } }
                  - { id: neither, export: { data_types: [logs] } }
                """,
                "schedule 'both': has both 'cron' and 'every'",
                "schedule 'neither': needs 'cron'");
    }

    @Test
    void should_reject_an_invalid_cron_expression() {
        assertProblems("""
                schedules:
                  - { id: unix-style, cron: "0 2 * * *", export: { data_types: [logs] } }
                  - { id: bad-hour, cron: "0 0 25 * * ?", export: { data_types: [logs] } }
                """,
                "schedule 'unix-style': 'cron' is not a valid Quartz cron expression",
                "schedule 'bad-hour': 'cron' is not a valid Quartz cron expression");
    }

    @Test
    void should_reject_an_invalid_or_too_short_period() {
        assertProblems("""
                schedules:
                  - { id: words, every: 15 minutes, export: { data_types: [logs] } }
                  - { id: fast, every: PT0.5S, export: { data_types: [logs] } }
                  - { id: negative, every: PT-5S, export: { data_types: [logs] } }
                """,
                "schedule 'words': 'every' is not an ISO-8601 duration",
                "schedule 'fast': 'every' must be at least one second",
                "schedule 'negative': 'every' must be at least one second");
    }

    @Test
    void should_reject_duplicate_and_missing_ids() {
        assertProblems("""
                schedules:
                  - { id: same, every: PT1M, export: { data_types: [logs] } }
                  - { id: same, every: PT2M, export: { data_types: [events] } }
                  - { every: PT2M, export: { data_types: [events] } }
                  - { id: "has space", every: PT2M, export: { data_types: [events] } }
                """,
                "schedule 'same': duplicate id (schedule #1 has it too)",
                "schedule #3: 'id' is required",
                "schedule 'has space': invalid id");
    }

    @Test
    void should_list_every_problem_of_an_export_the_parser_rejects() {
        assertProblems("""
                schedules:
                  - id: typos
                    every: PT1M
                    export: { data_types: [logz], output_format: xml, batch_size: 0 }
                """,
                "schedule 'typos': export.data_types[0]: unknown data type",
                "schedule 'typos': export.output_format:",
                "schedule 'typos': export.batch_size:");
    }

    @Test
    void should_require_an_export() {
        assertProblems("schedules:\n  - { id: empty, every: PT1M }\n", "schedule 'empty': 'export' is required");
    }

    @Test
    void should_name_the_file_for_malformed_yaml_and_a_wrong_shape() {
        assertProblems("schedules:\n  - id: [unclosed\n", "config/schedules.yaml: malformed YAML at line");
        assertProblems("- id: a\n", "config/schedules.yaml: expected a top-level 'schedules:' list");
        assertProblems("schedules: { id: a }\n", "'schedules' must be a list");
        assertProblems("schedule:\n  - id: a\n", "unknown key 'schedule'");
    }

    private static List<ScheduleDefinition> parse(String yaml) {
        return ScheduleDefinitions.parse(yaml, FILE, TYPES);
    }

    private static void assertProblems(String yaml, String... expected) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(expected));
    }

    private Settings settings(Map<String, String> overrides) {
        return Settings.load(dir, Map.of(), new Properties(), overrides);
    }
}
