package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"a\":1}", "[1,2]", "\"s\"", "12", "true", "null", " {\"a\":{\"b\":[]}} "})
    void should_accept_one_json_value(String s) {
        assertThat(JsonText.isValid(s)).isTrue();
        assertThat(JsonText.parse(s)).isNotSameAs(JsonText.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{a:1}", "{\"a\":1} x", "{} {}", "[1,]", "'s'", "undefined", "{\"a\":1}}"})
    void should_reject_anything_else(String s) {
        assertThat(JsonText.isValid(s)).isFalse();
        assertThat(JsonText.parse(s)).isSameAs(JsonText.INVALID);
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_parse_into_plain_java_values_keeping_decimals_exact() {
        Object parsed = JsonText.parse("{\"n\":1.10,\"i\":3,\"l\":[true,null],\"o\":{\"s\":\"x\"}}");
        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) parsed;
        assertThat(m.get("n")).isEqualTo(new BigDecimal("1.10"));
        assertThat(m.get("i")).isEqualTo(3);
        assertThat((List<Object>) m.get("l")).containsExactly(true, null);
        assertThat(m.get("o")).isEqualTo(Map.of("s", "x"));
    }

    @Test
    void should_reject_absurdly_deep_nesting_without_crashing() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(JsonText.isValid(deep)).isFalse();
        assertThat(JsonText.parse(deep)).isSameAs(JsonText.INVALID);
    }
}
