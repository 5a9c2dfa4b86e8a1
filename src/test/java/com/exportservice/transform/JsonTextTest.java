package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** What parse replaced: databind's reading into Object, with the same features. */
    private static final ObjectMapper DATABIND = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{\"a\":1}", "{\"a\":1,\"b\":2,\"a\":3}", "{\"z\":1,\"a\":{\"y\":[],\"x\":{}}}",
            "[1,2147483647,2147483648,9223372036854775807,9223372036854775808,-9223372036854775809]",
            "[1.10,1e5,1E-8,-0.0,0.000,123456789012345678901234567890.5]", "\"s\\u00e9\\n\"", "12", "-3", "1.5",
            "true", "false", "null", "[null,[null],{\"n\":null}]", " {\"a\":{\"b\":[{\"c\":\"d\"}]}} ",
            "{\"k\":\"\\ud83d\\ude00\"}", "[[[[[[[[[[1]]]]]]]]]]"})
    void should_give_the_values_databind_gave(String s) throws Exception {
        Object expected = DATABIND.readValue(s, Object.class);
        Object parsed = JsonText.parse(s);
        assertThat(parsed).isEqualTo(expected);
        // equal maps may differ in order, equal numbers in type: the text shows both
        assertThat(String.valueOf(parsed)).isEqualTo(String.valueOf(expected));
        assertThat(typesOf(parsed)).isEqualTo(typesOf(expected));
    }

    private static String typesOf(Object v) {
        if (v instanceof Map<?, ?> m) {
            // an insertion-ordered map either way (databind's LinkedHashMap, parse's OrderedMap)
            StringBuilder b = new StringBuilder("Map").append('{');
            m.forEach((k, x) -> b.append(k).append('=').append(typesOf(x)).append(','));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder(v.getClass().getSimpleName()).append('[');
            l.forEach(x -> b.append(typesOf(x)).append(','));
            return b.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    @Test
    void should_reject_absurdly_deep_nesting_without_crashing() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(JsonText.isValid(deep)).isFalse();
        assertThat(JsonText.parse(deep)).isSameAs(JsonText.INVALID);
    }

    @Test
    void should_take_an_object_in_its_printed_form_as_its_text_with_its_top_level_names() {
        String text = "{\"a\":1,\"o\":{\"b\":[{\"c\":null}],\"a\":\"x\"},\"t\":true,\"e\":{},\"l\":[]}";
        CompactJsonObject compact = JsonText.compactObject(text);
        assertThat(compact.text()).isSameAs(text);
        assertThat(compact.names()).containsExactly("a", "o", "t", "e", "l");
        assertThat(JsonText.compactObject("{}").names()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1}", "{\"a\":1 }", " {}", "{\"a\":\"\\u0041\"}", "{\"a\":1.0}", "{\"a\":-0}",
            "{\"a\":1,\"a\":1}", "{\"o\":{\"b\":1,\"b\":1}}", "{\"a\":\"\uD83D\uDE00\"}", "[1]", "1", "{\"a\":1",
            "{\"a\":1}{}", "{\"a\":1}}", ""})
    void should_leave_anything_else_to_the_parse(String s) {
        assertThat(JsonText.compactObject(s)).isNull();
    }
}
