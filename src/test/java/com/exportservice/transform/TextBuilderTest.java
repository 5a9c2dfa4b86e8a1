package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextBuilderTest {

    @Test
    void should_build_what_a_string_builder_builds_past_its_first_array_and_after_a_clear() {
        TextBuilder b = new TextBuilder();
        for (String piece : new String[] {"ascii", "Zürich café", "€ 漢字 \uD83D\uDE00"}) {
            b.clear();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                String text = "<" + piece + i + ">";
                b.append('{').append(text, 1, text.length() - 1);
                expected.append('{').append(text, 1, text.length() - 1);
            }
            assertThat(b.toString()).isEqualTo(expected.toString());
        }
    }
}
