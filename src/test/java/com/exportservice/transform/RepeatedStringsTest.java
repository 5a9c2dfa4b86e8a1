package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepeatedStringsTest {

    @Test
    void should_give_the_kept_instance_for_a_repeated_short_value() {
        RepeatedStrings strings = new RepeatedStrings();
        char[] a = "xx eu-west-1".toCharArray();
        String first = strings.of(a, 3, 9);
        assertThat(first).isEqualTo("eu-west-1");
        assertThat(strings.of("eu-west-1".toCharArray(), 0, 9)).isSameAs(first);
        assertThat(strings.of("eu-west-2".toCharArray(), 0, 9)).isEqualTo("eu-west-2");
        assertThat(strings.of(new char[0], 0, 0)).isEmpty();
        String longer = "x".repeat(RepeatedStrings.MAX_LENGTH + 1);
        assertThat(strings.of(longer.toCharArray(), 0, longer.length())).isEqualTo(longer)
                .isNotSameAs(strings.of(longer.toCharArray(), 0, longer.length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"region\":\"eu-west-1\",\"n\":{\"region\":\"eu-west-1\",\"m\":\"GET\"}}", "[\"a\",\"a\",\"b\",\"\"]",
            "\"s\\u00e9\\n\"", "{\"k\":\"\\ud83d\\ude00\",\"long\":\"0123456789012345678901234567890123456789\"}", "{\"a\":1}"})
    void should_parse_the_same_values_with_kept_strings(String text) {
        RepeatedStrings strings = new RepeatedStrings();
        Object expected = JsonText.parse(text);
        assertThat(JsonText.parse(text, strings)).isEqualTo(expected);
        assertThat(JsonText.parse(text, strings)).isEqualTo(expected); // the second time from the kept instances
    }

    @Test
    void should_share_repeated_values_between_records() {
        RepeatedStrings strings = new RepeatedStrings();
        Map<?, ?> one = (Map<?, ?>) JsonText.parse("{\"region\":\"eu-west-1\"}", strings);
        Map<?, ?> two = (Map<?, ?>) JsonText.parse("{\"region\":\"eu-west-1\"}", strings);
        assertThat(two.get("region")).isSameAs(one.get("region"));
    }
}
