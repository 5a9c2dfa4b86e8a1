package com.exportservice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exporter.cluster.* keys: defaults, the beat derived from the lease, bad values named. */
class ClusterSettingsTest {
    @TempDir
    Path dir;

    @Test
    void should_default_to_a_single_node_with_a_thirty_second_lease_and_a_host_and_pid_name() {
        ClusterSettings c = ClusterSettings.of(settings(Map.of()));
        assertThat(c.enabled()).isFalse();
        assertThat(c.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.tick()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.nodeId()).endsWith("-" + ProcessHandle.current().pid()).matches("[A-Za-z0-9._:-]{1,100}");
    }

    @Test
    void should_beat_five_times_per_lease_when_the_lease_is_short() {
        ClusterSettings c = ClusterSettings.of(settings(Map.of("exporter.cluster.enabled", "true", "exporter.cluster.lease", "PT4S",
                "exporter.cluster.node-id", "node-1")));
        assertThat(c.enabled()).isTrue();
        assertThat(c.nodeId()).isEqualTo("node-1");
        assertThat(c.tick()).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void should_name_the_key_of_a_bad_lease_or_node_id() {
        assertThatThrownBy(() -> ClusterSettings.of(settings(Map.of("exporter.cluster.lease", "PT1S"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exporter.cluster.lease must be at least PT3S");
        assertThatThrownBy(() -> ClusterSettings.of(settings(Map.of("exporter.cluster.node-id", "a b"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exporter.cluster.node-id");
    }

    @Test
    void should_split_data_types_above_a_million_rows_into_one_partition_per_live_node_by_default() {
        ClusterSettings c = ClusterSettings.of(settings(Map.of()));
        assertThat(c.partitionRows()).isEqualTo(1_000_000);
        assertThat(c.partitions()).isZero();

        ClusterSettings set = ClusterSettings.of(settings(Map.of("exporter.cluster.partition-rows", "5000", "exporter.cluster.partitions", "4")));
        assertThat(set.partitionRows()).isEqualTo(5000);
        assertThat(set.partitions()).isEqualTo(4);
    }

    @Test
    void should_name_the_key_of_a_bad_partition_setting() {
        assertThatThrownBy(() -> ClusterSettings.of(settings(Map.of("exporter.cluster.partitions", "1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exporter.cluster.partitions must be 0");
        assertThatThrownBy(() -> ClusterSettings.of(settings(Map.of("exporter.cluster.partitions", "65"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exporter.cluster.partitions");
        assertThatThrownBy(() -> ClusterSettings.of(settings(Map.of("exporter.cluster.partition-rows", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exporter.cluster.partition-rows");
    }

    private Settings settings(Map<String, String> overrides) {
        return Settings.load(dir, Map.of(), new Properties(), overrides);
    }
}
