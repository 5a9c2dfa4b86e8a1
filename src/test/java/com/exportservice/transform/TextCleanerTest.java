package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextCleanerTest {

    @Test
    void should_return_the_same_instance_when_text_is_already_clean() {
        String s = "User alice logged in from 10.0.0.1 — ünïcödé 日本語 😀";
        assertThat(TextCleaner.clean(s)).isSameAs(s);
    }

    @Test
    void should_keep_null_and_empty() {
        assertThat(TextCleaner.clean(null)).isNull();
        assertThat(TextCleaner.clean("")).isEmpty();
    }

    @Test
    void should_collapse_whitespace_runs_and_trim() {
        assertThat(TextCleaner.clean("  a \t\tb\r\nc\u000B\fd  ")).isEqualTo("a b c d");
        assertThat(TextCleaner.clean("line one\r\nline two\r\n")).isEqualTo("line one line two");
        assertThat(TextCleaner.clean("col1\tcol2\tcol3")).isEqualTo("col1 col2 col3");
    }

    @Test
    void should_treat_unicode_spaces_as_whitespace_but_keep_no_break_spaces() {
        assertThat(TextCleaner.clean("a\u3000\u2003b\u2028c")).isEqualTo("a b c");
        assertThat(TextCleaner.clean("10\u00A0kg")).isEqualTo("10\u00A0kg");
        assertThat(TextCleaner.clean("10\u202Fkg")).isEqualTo("10\u202Fkg");
    }

    @Test
    void should_remove_sgr_colour_sequences() {
        assertThat(TextCleaner.clean("\u001B[31mERROR\u001B[0m: disk full")).isEqualTo("ERROR: disk full");
        assertThat(TextCleaner.clean("\u001B[1;38;5;196mred\u001B[m")).isEqualTo("red");
        assertThat(TextCleaner.clean("\u001B[38:2:255:0:0mtrue colour\u001B[0m")).isEqualTo("true colour");
    }

    @Test
    void should_remove_private_and_cursor_csi_sequences() {
        assertThat(TextCleaner.clean("\u001B[?25lhidden cursor\u001B[?25h")).isEqualTo("hidden cursor");
        assertThat(TextCleaner.clean("\u001B[2J\u001B[Hscreen")).isEqualTo("screen");
        assertThat(TextCleaner.clean("progress\u001B[1K\u001B[10D 50%")).isEqualTo("progress 50%");
    }

    @Test
    void should_remove_osc_sequences_terminated_by_bel_or_st() {
        assertThat(TextCleaner.clean("\u001B]0;my title\u0007prompt")).isEqualTo("prompt");
        assertThat(TextCleaner.clean("\u001B]8;;http://x.test/a?b=c\u001B\\link\u001B]8;;\u001B\\ done"))
                .isEqualTo("link done");
    }

    @Test
    void should_remove_other_escape_sequences() {
        assertThat(TextCleaner.clean("\u001B7saved\u001B8")).isEqualTo("saved");
        assertThat(TextCleaner.clean("\u001B(Bcharset")).isEqualTo("charset");
        assertThat(TextCleaner.clean("\u001BPq#0;2;0;0;0\u001B\\after dcs")).isEqualTo("after dcs");
        assertThat(TextCleaner.clean("\u001B_apc payload\u001B\\x")).isEqualTo("x");
        assertThat(TextCleaner.clean("\u001Bcreset")).isEqualTo("reset");
    }

    @Test
    void should_remove_nested_sequences() {
        // an ESC inside a sequence ends it and starts the next one
        assertThat(TextCleaner.clean("\u001B[31\u001B[0mtext")).isEqualTo("text");
        assertThat(TextCleaner.clean("\u001B]0;title\u001B[31mred\u001B[0m")).isEqualTo("red");
        assertThat(TextCleaner.clean("\u001B\u001B[1mbold")).isEqualTo("bold");
        assertThat(TextCleaner.clean("a\u001B[\u001B]2;t\u0007\u001B[0mb")).isEqualTo("ab");
    }

    @Test
    void should_remove_truncated_sequences_without_eating_following_text() {
        assertThat(TextCleaner.clean("ok\u001B")).isEqualTo("ok");
        assertThat(TextCleaner.clean("ok\u001B[")).isEqualTo("ok");
        assertThat(TextCleaner.clean("ok\u001B[38;5")).isEqualTo("ok");
        // a CSI broken by a non-CSI char ends there; the char is kept
        assertThat(TextCleaner.clean("\u001B[31;\u00e9t\u00e9")).isEqualTo("\u00e9t\u00e9");
        // an unterminated OSC ends at the line break
        assertThat(TextCleaner.clean("\u001B]0;title never closed\nnext line")).isEqualTo("next line");
        assertThat(TextCleaner.clean("x \u001B]0;to the end")).isEqualTo("x");
    }

    @Test
    void should_remove_eight_bit_c1_sequences_and_controls() {
        assertThat(TextCleaner.clean("\u009B31mred\u009B0m")).isEqualTo("red");
        assertThat(TextCleaner.clean("\u009D0;title\u009Cafter")).isEqualTo("after");
        assertThat(TextCleaner.clean("a\u0085b\u0080c")).isEqualTo("abc");
    }

    @Test
    void should_remove_other_control_characters_after_escapes() {
        assertThat(TextCleaner.clean("bell\u0007 nul\u0000 del\u007F back\bspace")).isEqualTo("bell nul del backspace");
        assertThat(TextCleaner.clean("a\u001Cb\u001Fc")).isEqualTo("abc");
    }

    @Test
    void should_keep_surrogate_pairs_and_replace_lone_surrogates() {
        assertThat(TextCleaner.clean("emoji 😀 ok")).isEqualTo("emoji 😀 ok");
        assertThat(TextCleaner.clean("lone high \uD83D end")).isEqualTo("lone high \uFFFD end");
        assertThat(TextCleaner.clean("lone low \uDE00")).isEqualTo("lone low \uFFFD");
        assertThat(TextCleaner.clean("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
        // a control between the halves does not join them
        assertThat(TextCleaner.clean("\uD83D\u0001\uDE00")).isEqualTo("\uFFFD\uFFFD");
    }

    @Test
    void should_keep_zero_width_and_bidi_characters() {
        String family = "👩\u200D👩\u200D👧";
        assertThat(TextCleaner.clean(family)).isSameAs(family);
        String bidi = "abc\u202Edcba\u202C \u2066x\u2069 \u200Bzw\u200E\uFEFF";
        assertThat(TextCleaner.clean(bidi)).isEqualTo(bidi);
    }

    @Test
    void should_clean_a_one_megabyte_string() {
        StringBuilder b = new StringBuilder();
        while (b.length() < 1_000_000) {
            b.append("\u001B[32mok\u001B[0m  line\r\n\t");
        }
        String cleaned = TextCleaner.clean(b.toString());
        assertThat(cleaned).startsWith("ok line ok line").doesNotContain("\u001B").doesNotContain("  ");
        String clean = "x".repeat(1_000_000);
        assertThat(TextCleaner.clean(clean)).isSameAs(clean);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | true", "'   ' | true", "'\t\r\n' | true", "'\u001B[0m' | true", "'\u001B]0;t\u0007 \u0000' | true",
            "'x' | false", "' \u001B[1m x' | false", "'\uD83D' | false", "'\u200B' | false"})
    void should_tell_blank_text(String s, boolean blank) {
        assertThat(TextCleaner.isBlank(s)).isEqualTo(blank);
        assertThat(TextCleaner.clean(s).isEmpty()).isEqualTo(blank);
    }
}
