package com.exportservice.status;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Text made to fit a column of the store: one line, cut between characters. */
class StoredTextTest {
    @Test
    void should_keep_short_text_and_put_it_on_one_line() {
        assertThat(StoredText.fit("a\nb\r\nc", 100)).isEqualTo("a b c");
        assertThat(StoredText.fit(null, 10)).isNull();
        assertThat(StoredText.fit("exactly10!", 10)).isEqualTo("exactly10!");
    }

    @Test
    void should_cut_long_text_with_an_ellipsis_never_inside_a_surrogate_pair() {
        String emoji = "\uD83D\uDE00";

        assertThat(StoredText.fit("abcdefghijkl", 10)).isEqualTo("abcdefghi…").hasSize(10);
        // 4 UTF-16 units and the ellipsis would split the third emoji: it is left out whole
        String cut = StoredText.fit(emoji.repeat(10), 6);
        assertThat(cut).isEqualTo(emoji + emoji + "…");
        assertThat(cut.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }
}
