package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of text cleaning over hostile generated text (escapes, controls, surrogates, spaces). */
class TextCleanerPropertiesTest {

    @Property(tries = 2000)
    void should_be_idempotent(@ForAll("hostileText") String s) {
        String once = TextCleaner.clean(s);
        assertThat(TextCleaner.clean(once)).isEqualTo(once);
    }

    @Property(tries = 2000)
    void should_never_be_longer_than_the_input(@ForAll("hostileText") String s) {
        assertThat(TextCleaner.clean(s).length()).isLessThanOrEqualTo(s.length());
    }

    @Property(tries = 2000)
    void should_leave_no_control_characters_nor_lone_surrogates(@ForAll("hostileText") String s) {
        String out = TextCleaner.clean(s);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            assertThat(Character.getType(c)).as("char %04x in %s", (int) c, out).isNotEqualTo((int) Character.CONTROL);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).isFalse();
            }
        }
    }

    @Property(tries = 2000)
    void should_have_no_whitespace_runs_nor_edges(@ForAll("hostileText") String s) {
        String out = TextCleaner.clean(s);
        assertThat(out).doesNotContain("  ");
        if (!out.isEmpty()) {
            assertThat(TextCleaner.isWhitespace(out.charAt(0))).isFalse();
            assertThat(TextCleaner.isWhitespace(out.charAt(out.length() - 1))).isFalse();
        }
        for (int i = 0; i < out.length(); i++) {
            assertThat(out.charAt(i) == ' ' || !TextCleaner.isWhitespace(out.charAt(i))).isTrue();
        }
    }

    @Property(tries = 2000)
    void should_preserve_printable_non_space_content_in_order(@ForAll("textWithoutEscapes") String s) {
        assertThat(visible(TextCleaner.clean(s))).isEqualTo(visible(s));
    }

    @Property(tries = 2000)
    void should_only_remove_content_when_escapes_are_present(@ForAll("hostileText") String s) {
        // with escape sequences some printable chars belong to them: the output keeps a subsequence
        assertThat(isSubsequence(visible(TextCleaner.clean(s)), visible(s))).isTrue();
    }

    @Property(tries = 500)
    void should_return_the_same_instance_for_clean_text(@ForAll("cleanText") String s) {
        assertThat(TextCleaner.clean(s)).isSameAs(s);
    }

    /** Printable non-space chars, lone surrogates counted as their replacement. */
    private static String visible(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.CONTROL || TextCleaner.isWhitespace(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? TextCleaner.REPLACEMENT : c);
            }
        }
        return b.toString();
    }

    private static boolean isSubsequence(String sub, String of) {
        int j = 0;
        for (int i = 0; i < of.length() && j < sub.length(); i++) {
            if (of.charAt(i) == sub.charAt(j)) {
                j++;
            }
        }
        return j == sub.length();
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.strings().withChars(" \t\r\n\u000B\f\u3000\u00A0").ofMaxLength(4),
                Arbitraries.strings().withCharRange('\u0000', '\u001F').withCharRange('\u007F', '\u009F').ofMaxLength(3),
                Arbitraries.strings().withChars('\uD83D', '\uDE00', '\uDC00', '\uDBFF', '\u200D', '\u202E').ofMaxLength(3),
                Arbitraries.of("\u001B[", "\u001B]", "\u001B[31m", "\u001B[0m", "\u001B]0;t\u0007", "\u001B\\",
                        "\u001BP", "\u001B(", "\u009B", "\u009D", "\u001B", "😀", "key=value", "a", "é"));
        return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> textWithoutEscapes() {
        return hostileText().map(s -> s.replace('\u001B', '_')
                .replace('\u009B', '_').replace('\u009D', '_').replace('\u0090', '_')
                .replace('\u0098', '_').replace('\u009E', '_').replace('\u009F', '_'));
    }

    @Provide
    Arbitrary<String> cleanText() {
        return Arbitraries.strings().withCharRange('!', '~').withChars('é', '日').ofMinLength(1).ofMaxLength(10)
                .list().ofMinSize(1).ofMaxSize(6).map(l -> String.join(" ", l));
    }
}
