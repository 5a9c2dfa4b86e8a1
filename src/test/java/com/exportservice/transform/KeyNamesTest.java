package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyNamesTest {

    @Test
    void should_give_one_instance_per_spelling() {
        KeyNames names = new KeyNames();
        String first = names.key("a user=alice", 2, 6);
        assertThat(first).isEqualTo("user");
        assertThat(names.key("user=bob", 0, 4)).isSameAs(first);
        assertThat(names.key("users=2", 0, 5)).isEqualTo("users").isNotSameAs(first);
        assertThat(names.key("x", 0, 0)).isEmpty();
    }

    @Test
    void should_cut_keys_out_of_the_text_once_full() {
        KeyNames names = new KeyNames();
        for (int i = 0; i < KeyNames.MAX_KEYS + 100; i++) {
            String text = "k" + i + "=v";
            assertThat(names.key(text, 0, text.indexOf('='))).isEqualTo("k" + i);
        }
        String kept = names.key("k7", 0, 2);
        assertThat(names.key("k7", 0, 2)).isSameAs(kept);
        String late = "k" + (KeyNames.MAX_KEYS + 50) + "=v";
        int end = late.indexOf('=');
        assertThat(names.key(late, 0, end)).isEqualTo(late.substring(0, end)).isNotSameAs(names.key(late, 0, end));
    }
}
