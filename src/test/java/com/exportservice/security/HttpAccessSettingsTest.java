package com.exportservice.security;

import com.exportservice.config.ConfigException;
import com.exportservice.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class HttpAccessSettingsTest {
    @TempDir
    Path dir;

    HttpAccessSettings settings(Map<String, String> values) {
        return HttpAccessSettings.from(Settings.load(dir, Map.of(), new Properties(), values), dir);
    }

    @Test
    void should_bind_the_loopback_address_by_default() {
        HttpAccessSettings s = settings(Map.of());

        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.loopback()).isTrue();
        assertThat(s.anonymousAllowed()).isTrue();
        assertThat(s.tokensFile()).isEqualTo(dir.resolve("config/tokens.yaml"));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThatNoException().isThrownBy(() -> s.checkBootstrap(false));
    }

    @Test
    void should_refuse_to_start_on_every_interface_without_tokens_and_say_what_to_do() {
        HttpAccessSettings s = settings(Map.of("exporter.http.host", "0.0.0.0"));

        assertThat(s.loopback()).isFalse();
        assertThatThrownBy(() -> s.checkBootstrap(false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("exporter.http.host=0.0.0.0")
                .hasMessageContaining("token create --name")
                .hasMessageContaining("exporter.security.allow-anonymous=true");
        assertThatNoException().isThrownBy(() -> s.checkBootstrap(true));
        assertThatNoException().isThrownBy(() -> settings(Map.of("exporter.http.host", "0.0.0.0",
                "exporter.security.allow-anonymous", "true")).checkBootstrap(false));
    }

    @Test
    void should_read_allowed_hosts_in_lower_case_and_refuse_ports_or_urls() {
        assertThat(settings(Map.of("exporter.http.allowed-hosts", " Exports.Internal , ,box")).allowedHosts())
                .isEqualTo(Set.of("exports.internal", "box"));
        assertThatThrownBy(() -> settings(Map.of("exporter.http.allowed-hosts", "box:8080")))
                .hasMessageContaining("exporter.http.allowed-hosts: 'box:8080' is not a host name");
        assertThatThrownBy(() -> settings(Map.of("exporter.http.idle-timeout", "60")))
                .hasMessageContaining("exporter.http.idle-timeout must be an ISO-8601 duration");
    }
}
