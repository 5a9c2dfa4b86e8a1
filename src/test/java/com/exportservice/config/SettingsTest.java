package com.exportservice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void should_use_the_built_in_default_when_nothing_overrides_it() {
        Settings s = Settings.load(dir, Map.of(), new Properties(), Map.of());

        assertThat(s.get("exporter.output.dir")).isEqualTo("exports");
        assertThat(s.getInt("exporter.http.port", 1, 65535)).isEqualTo(8080);
        assertThat(s.origin("exporter.output.dir")).isEqualTo("default");
        assertThat(s.isExplicit("exporter.output.dir")).isFalse();
    }

    @Test
    void should_let_the_working_directory_file_override_the_default() throws IOException {
        writeFile("exporter.output.dir = /srv/out  \n");

        Settings s = Settings.load(dir, Map.of(), new Properties(), Map.of());

        assertThat(s.get("exporter.output.dir")).isEqualTo("/srv/out");
        assertThat(s.isExplicit("exporter.output.dir")).isTrue();
        assertThat(s.origin("exporter.output.dir")).endsWith("application.properties");
    }

    @Test
    void should_let_an_environment_variable_override_the_file() throws IOException {
        writeFile("exporter.output.dir=/from-file\n");

        Settings s = Settings.load(dir, Map.of("EXPORTER_OUTPUT_DIR", "/from-env"), new Properties(), Map.of());

        assertThat(s.get("exporter.output.dir")).isEqualTo("/from-env");
        assertThat(s.origin("exporter.output.dir")).isEqualTo("environment variable EXPORTER_OUTPUT_DIR");
    }

    @Test
    void should_let_a_system_property_override_the_environment_variable() throws IOException {
        writeFile("exporter.output.dir=/from-file\n");
        Properties system = new Properties();
        system.setProperty("exporter.output.dir", "/from-system");

        Settings s = Settings.load(dir, Map.of("EXPORTER_OUTPUT_DIR", "/from-env"), system, Map.of());

        assertThat(s.get("exporter.output.dir")).isEqualTo("/from-system");
        assertThat(s.origin("exporter.output.dir")).isEqualTo("system property exporter.output.dir");
    }

    @Test
    void should_map_dots_and_dashes_to_underscores_in_environment_variable_names() {
        assertThat(Settings.envName("exporter.max-concurrent-exports")).isEqualTo("EXPORTER_MAX_CONCURRENT_EXPORTS");
        assertThat(Settings.envName("exporter.data-types.file")).isEqualTo("EXPORTER_DATA_TYPES_FILE");

        Settings s = Settings.load(dir, Map.of("EXPORTER_MAX_CONCURRENT_EXPORTS", "5"), new Properties(), Map.of());

        assertThat(s.getInt("exporter.max-concurrent-exports", 1, 100)).isEqualTo(5);
    }

    @Test
    void should_ignore_environment_variables_and_properties_of_undeclared_keys() {
        Properties system = new Properties();
        system.setProperty("exporter.unknown", "x");

        Settings s = Settings.load(dir, Map.of("EXPORTER_OTHER", "y"), system, Map.of());

        assertThat(s.asMap()).doesNotContainKeys("exporter.unknown", "exporter.other");
    }

    @Test
    void should_treat_an_empty_value_as_unset() {
        Settings s = Settings.load(dir, Map.of("EXPORTER_SOURCE_URL", "  "), new Properties(), Map.of());

        assertThat(s.get("exporter.source.url")).isNull();
        assertThat(s.get("exporter.source.url", "fallback")).isEqualTo("fallback");
        assertThat(s.isExplicit("exporter.source.url")).isFalse();
    }

    @Test
    void should_name_key_value_and_origin_when_an_integer_is_malformed() {
        Settings s = Settings.load(dir, Map.of("EXPORTER_HTTP_PORT", "80x"), new Properties(), Map.of());

        assertThatThrownBy(() -> s.getInt("exporter.http.port", 1, 65535))
                .isInstanceOf(ConfigException.class)
                .hasMessage("exporter.http.port must be an integer, got '80x' (from environment variable EXPORTER_HTTP_PORT)");
    }

    @Test
    void should_name_the_range_when_an_integer_is_out_of_range() {
        Properties system = new Properties();
        system.setProperty("exporter.http.port", "70000");
        Settings s = Settings.load(dir, Map.of(), system, Map.of());

        assertThatThrownBy(() -> s.getInt("exporter.http.port", 1, 65535))
                .isInstanceOf(ConfigException.class)
                .hasMessage("exporter.http.port must be between 1 and 65535, got 70000 (from system property exporter.http.port)");
    }

    @Test
    void should_reject_a_malformed_boolean() {
        Settings s = Settings.load(dir, Map.of("EXPORTER_DEMO_ENABLED", "yes"), new Properties(), Map.of());

        assertThatThrownBy(() -> s.getBoolean("exporter.demo.enabled", false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exporter.demo.enabled must be true or false, got 'yes'");
    }

    @Test
    void should_reject_a_misspelt_key_in_the_working_directory_file() throws IOException {
        writeFile("exporter.ouput.dir=/x\nexporter.output.dir=/y\ncamel.main.name=kept\n");

        assertThatThrownBy(() -> Settings.load(dir, Map.of(), new Properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("application.properties: unknown setting 'exporter.ouput.dir'");
    }

    @Test
    void should_pass_through_keys_of_other_frameworks_in_the_working_directory_file() throws IOException {
        writeFile("camel.main.name=export-service\n");

        Settings s = Settings.load(dir, Map.of(), new Properties(), Map.of());

        assertThat(s.get("camel.main.name")).isEqualTo("export-service");
    }

    @Test
    void should_let_overrides_win_over_everything() {
        Properties system = new Properties();
        system.setProperty("exporter.output.dir", "/from-system");

        Settings s = Settings.load(dir, Map.of(), system, Map.of("exporter.output.dir", " /cli "));

        assertThat(s.get("exporter.output.dir")).isEqualTo("/cli");
        assertThat(s.isExplicit("exporter.output.dir")).isTrue();
    }

    private void writeFile(String content) throws IOException {
        Path file = dir.resolve(Settings.WORKING_DIR_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void should_read_sizes_in_bytes_with_units_of_1024(@TempDir Path dir) {
        Settings s = Settings.load(dir, Map.of(), new Properties(), Map.of("exporter.output.min-free-disk", "2gb"));

        assertThat(s.bytes("exporter.output.min-free-disk", null)).isEqualTo(2L << 30);
        assertThat(Settings.load(dir, Map.of(), new Properties(), Map.of()).bytes("exporter.output.min-free-disk", null))
                .as("the default").isEqualTo(512L << 20);
        for (String[] v : new String[][]{{"0", "0"}, {"100", "100"}, {"1 KB", "1024"}, {"3TB", String.valueOf(3L << 40)}}) {
            assertThat(Settings.load(dir, Map.of(), new Properties(), Map.of("exporter.output.min-free-disk", v[0]))
                    .bytes("exporter.output.min-free-disk", null)).as(v[0]).isEqualTo(Long.parseLong(v[1]));
        }
        assertThatThrownBy(() -> Settings.load(dir, Map.of(), new Properties(),
                        Map.of("exporter.output.min-free-disk", "lots")).bytes("exporter.output.min-free-disk", null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("exporter.output.min-free-disk must be a size such as 512MB, 2GB or 0, got 'lots' (from override)");
    }

    @Test
    void should_read_optional_durations_and_refuse_zero_or_malformed_ones(@TempDir Path dir) {
        assertThat(Settings.load(dir, Map.of(), new Properties(), Map.of()).optionalDuration("exporter.output.retention")).isNull();
        assertThat(Settings.load(dir, Map.of(), new Properties(), Map.of("exporter.output.retention", "P30D"))
                .optionalDuration("exporter.output.retention")).isEqualTo(java.time.Duration.ofDays(30));
        for (String bad : new String[]{"PT0S", "30 days", "-PT1H"}) {
            assertThatThrownBy(() -> Settings.load(dir, Map.of(), new Properties(),
                            Map.of("exporter.output.retention", bad)).optionalDuration("exporter.output.retention"))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("exporter.output.retention must be an ISO-8601 duration");
        }
    }
}
