package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuePairsTest {

    private static Map<String, Object> pairs(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        KeyValuePairs.extract(text, m);
        return m;
    }

    @Test
    void should_find_pairs_separated_by_spaces_commas_and_semicolons() {
        assertThat(pairs("request done user=alice status=500, took=12ms;region=eu-west-1"))
                .containsExactly(entry("user", "alice"), entry("status", "500"), entry("took", "12ms"),
                        entry("region", "eu-west-1"));
    }

    @Test
    void should_read_quoted_values_with_escapes() {
        assertThat(pairs("msg=\"disk \\\"sda\\\" full\" path=\"C:\\\\tmp\""))
                .containsExactly(entry("msg", "disk \"sda\" full"), entry("path", "C:\\tmp"));
    }

    @Test
    void should_allow_dots_dashes_and_digits_in_keys() {
        assertThat(pairs("http.status_code=404 x-request-id=abc k2=v")).containsOnlyKeys("http.status_code", "x-request-id", "k2");
    }

    @Test
    void should_keep_equals_signs_inside_values() {
        assertThat(pairs("url=http://x.test/a?b=c&d=e")).containsExactly(entry("url", "http://x.test/a?b=c&d=e"));
    }

    @Test
    void should_end_unquoted_values_at_commas_and_semicolons() {
        assertThat(pairs("tags=a,b;c=1 tags2=\"a,b\"")).containsExactly(entry("tags", "a"), entry("c", "1"), entry("tags2", "a,b"));
    }

    @Test
    void should_ignore_things_that_are_not_pairs() {
        assertThat(pairs("a == b, x= y, 1a=2, =v, (k=v) http://h/?q=1 \"unterminated=\"x")).isEmpty();
        assertThat(pairs("k=\"never closed")).isEmpty();
        assertThat(pairs("e=mc^2")).containsExactly(entry("e", "mc^2"));
    }

    @Test
    void should_keep_the_first_occurrence_of_a_key() {
        assertThat(pairs("a=1 a=2")).containsExactly(entry("a", "1"));
    }

    @Test
    void should_ignore_overlong_keys_and_values() {
        assertThat(pairs("k" + "x".repeat(64) + "=1 v=" + "y".repeat(1025) + " ok=1")).containsOnlyKeys("ok");
    }

    @Test
    void should_cap_the_number_of_pairs() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            b.append("k").append(i).append("=v ");
        }
        assertThat(pairs(b.toString())).hasSize(KeyValuePairs.MAX_PAIRS);
    }
}
