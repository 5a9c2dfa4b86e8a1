package com.exportservice.observe;

import com.exportservice.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** exporter.notify.url taken apart: no credentials in the endpoint or the log text, the query kept as given. */
class NotifyTargetTest {
    @Test
    void should_move_credentials_from_the_url_to_a_basic_header() {
        NotifyTarget t = NotifyTarget.parse("https://ops:p%40ss@hooks.example.com:8443/exports/done?team=data&x=%2F");

        assertThat(t.endpointUri()).isEqualTo("https://hooks.example.com:8443/exports/done");
        assertThat(t.query()).isEqualTo("team=data&x=%2F");
        assertThat(t.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("ops:p@ss".getBytes()));
        assertThat(t.display()).isEqualTo("https://***@hooks.example.com:8443/exports/done").doesNotContain("ops");
    }

    @Test
    void should_take_a_plain_url_as_it_is() {
        NotifyTarget t = NotifyTarget.parse("http://127.0.0.1:9000");

        assertThat(t.endpointUri()).isEqualTo("http://127.0.0.1:9000/");
        assertThat(t.query()).isNull();
        assertThat(t.authorization()).isNull();
    }

    @Test
    void should_refuse_what_is_not_an_http_url_naming_the_setting() {
        assertThatThrownBy(() -> NotifyTarget.parse("ftp://x/y")).isInstanceOf(ConfigException.class).hasMessageContaining("exporter.notify.url");
        assertThatThrownBy(() -> NotifyTarget.parse("not a url")).isInstanceOf(ConfigException.class).hasMessageContaining("exporter.notify.url");
    }
}
