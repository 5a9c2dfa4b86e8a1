package com.exportservice.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.exportservice.security.RequestRules.Access.CHANGE;
import static com.exportservice.security.RequestRules.Access.HEALTH;
import static com.exportservice.security.RequestRules.Access.PUBLIC;
import static com.exportservice.security.RequestRules.Access.READ;
import static com.exportservice.security.RequestRules.Access.SESSION;
import static org.assertj.core.api.Assertions.assertThat;

class RequestRulesTest {
    @Test
    void should_leave_only_the_ui_health_and_sign_in_open() {
        assertThat(RequestRules.access("GET", "/")).isEqualTo(PUBLIC);
        assertThat(RequestRules.access("GET", "/ui/app.js")).isEqualTo(PUBLIC);
        assertThat(RequestRules.access("HEAD", "/ui/app.css")).isEqualTo(PUBLIC);
        assertThat(RequestRules.access("GET", "/api/health")).isEqualTo(HEALTH);
        assertThat(RequestRules.access("POST", "/api/session")).isEqualTo(SESSION);
        assertThat(RequestRules.access("DELETE", "/api/session")).isEqualTo(SESSION);
    }

    @Test
    void should_protect_everything_else_including_unknown_paths() {
        assertThat(RequestRules.access("GET", "/api/session")).isEqualTo(READ);
        assertThat(RequestRules.access("GET", "/api/exports")).isEqualTo(READ);
        assertThat(RequestRules.access("GET", "/API/HEALTH/x")).isEqualTo(READ);
        assertThat(RequestRules.access("GET", "/observe/metrics")).isEqualTo(READ);
        assertThat(RequestRules.access("GET", "/config/application.properties")).isEqualTo(READ);
        assertThat(RequestRules.access("GET", "/ui/sub/dir.js")).isEqualTo(READ);
        assertThat(RequestRules.access("POST", "/")).isEqualTo(CHANGE);
        assertThat(RequestRules.access("POST", "/api/health")).isEqualTo(CHANGE);
        assertThat(RequestRules.access("PUT", "/api/session")).isEqualTo(CHANGE);
        assertThat(RequestRules.access("POST", "/api/exports/x/cancel")).isEqualTo(CHANGE);
        assertThat(RequestRules.access("OPTIONS", "/api/exports")).isEqualTo(CHANGE);
    }

    @Test
    void should_keep_metrics_and_health_from_tokens_limited_to_data_types() {
        assertThat(RequestRules.coversAllDataTypes("/observe/metrics")).isTrue();
        assertThat(RequestRules.coversAllDataTypes("/OBSERVE/health/ready")).isTrue();
        assertThat(RequestRules.coversAllDataTypes("/api/exports")).isFalse();
        assertThat(RequestRules.coversAllDataTypes("/observer")).isFalse();
    }

    @Test
    void should_take_only_the_same_scheme_host_and_port_as_the_own_origin() {
        assertThat(RequestRules.isForeignOrigin("http://127.0.0.1:8080", "127.0.0.1:8080", false)).isFalse();
        assertThat(RequestRules.isForeignOrigin("http://LOCALHOST:8080", "localhost:8080", false)).isFalse();
        assertThat(RequestRules.isForeignOrigin("https://exports.example.com", "exports.example.com", true)).isFalse();
        assertThat(RequestRules.isForeignOrigin("https://exports.example.com:443", "exports.example.com", true)).isFalse();
        assertThat(RequestRules.isForeignOrigin("http://[::1]:8080", "[::1]:8080", false)).isFalse();

        assertThat(RequestRules.isForeignOrigin("http://evil.example", "127.0.0.1:8080", false)).isTrue();
        assertThat(RequestRules.isForeignOrigin("http://localhost:8080", "127.0.0.1:8080", false)).isTrue();
        assertThat(RequestRules.isForeignOrigin("http://127.0.0.1:8081", "127.0.0.1:8080", false)).isTrue();
        assertThat(RequestRules.isForeignOrigin("https://127.0.0.1:8080", "127.0.0.1:8080", false)).isTrue();
        assertThat(RequestRules.isForeignOrigin("http://exports.example.com", "exports.example.com", true)).isTrue();
        assertThat(RequestRules.isForeignOrigin("null", "127.0.0.1:8080", false)).isTrue();
        assertThat(RequestRules.isForeignOrigin("http://127.0.0.1:8080", null, false)).isTrue();
        assertThat(RequestRules.isForeignOrigin("http://a b", "a:80", false)).isTrue();
    }

    @Test
    void should_serve_without_tokens_only_localhost_loopback_and_listed_hosts_whatever_the_port() {
        Set<String> allowed = Set.of("exports.internal");
        assertThat(RequestRules.isAllowedHost("localhost:8080", allowed)).isTrue();
        assertThat(RequestRules.isAllowedHost("127.0.0.1", allowed)).isTrue();
        assertThat(RequestRules.isAllowedHost("127.1.2.3:9", allowed)).isTrue();
        assertThat(RequestRules.isAllowedHost("[::1]:8080", allowed)).isTrue();
        assertThat(RequestRules.isAllowedHost("Exports.Internal:8443", allowed)).isTrue();

        assertThat(RequestRules.isAllowedHost("evil.example:8080", allowed)).isFalse();
        assertThat(RequestRules.isAllowedHost("localhost.evil.example", allowed)).isFalse();
        assertThat(RequestRules.isAllowedHost("127.0.0.1.evil.example", allowed)).isFalse();
        assertThat(RequestRules.isAllowedHost("127.0.0.256", allowed)).isFalse();
        assertThat(RequestRules.isAllowedHost("10.0.0.1", allowed)).isFalse();
        assertThat(RequestRules.isAllowedHost(null, allowed)).isFalse();
        assertThat(RequestRules.isAllowedHost("", allowed)).isFalse();
        assertThat(RequestRules.isAllowedHost("localhost:80:80", allowed)).isFalse();
    }
}
