package com.exportservice.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A field's pattern gives the regex's answer, whether scanned (the fixed shape) or matched. */
class TextPatternTest {
    private static final List<String> FIXED = List.of("[0-9a-f]{32}", "[A-Za-z0-9_]{1,100}", "[a-z]+", "[0-9]*",
            "[A-F0-9]{2,}", "[x]{0}", "[a-c_]{3,5}");

    @Test
    void should_scan_a_character_class_with_a_count_instead_of_running_the_regex() {
        for (String p : FIXED) {
            assertThat(TextPattern.of(Pattern.compile(p)).isFixedShape()).as(p).isTrue();
        }
        TextPattern traceId = TextPattern.of(Pattern.compile("[0-9a-f]{32}"));
        assertThat(traceId.matches("c4ca4238a0b923820dcc509a6f75849b")).isTrue();
        assertThat(traceId.matches("C4CA4238A0B923820DCC509A6F75849B")).isFalse();
        assertThat(traceId.matches("c4ca4238a0b923820dcc509a6f75849")).isFalse();
        assertThat(traceId.matches("c4ca4238a0b923820dcc509a6f75849b0")).isFalse();
        assertThat(traceId.matches(" c4ca4238a0b923820dcc509a6f75849b")).isFalse();
        assertThat(traceId.matches("N/A")).isFalse();
        assertThat(traceId.matches("")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[^a-z]{3}", "[a-z]{3}x", "[a-z.]{3}", "[a-]{2}", "[-a]{2}", "[a-z&&[^b]]{2}", "[\\w]{2}",
            "[a-z]{2,3}?", "[a-z]{2}+", "[z-a]{2}", "([a-z]{2})", "[a-z]", "a{2}", "[a-z]{1234567}", "(?i)[a-f]{2}",
            "[a-z]{,3}", "[]a]{2}"})
    void should_leave_any_other_pattern_to_the_regex(String p) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(p);
        } catch (RuntimeException e) {
            return; // not a pattern a data type can declare
        }
        assertThat(TextPattern.of(pattern).isFixedShape()).as(p).isFalse();
    }

    @Test
    void should_leave_a_pattern_with_flags_to_the_regex() {
        TextPattern p = TextPattern.of(Pattern.compile("[a-f]{2}", Pattern.CASE_INSENSITIVE));
        assertThat(p.isFixedShape()).isFalse();
        assertThat(p.matches("AB")).isTrue();
    }

    @Property(tries = 3000)
    void should_answer_as_the_regex(@ForAll("patterns") String p, @ForAll("values") String value) {
        Pattern regex = Pattern.compile(p);
        assertThat(TextPattern.of(regex).matches(value)).as("%s on \"%s\"", p, value)
                .isEqualTo(regex.matcher(value).matches());
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(FIXED);
    }

    @Provide
    Arbitrary<String> values() {
        // mostly class characters, with the odd outsider: non-ASCII, a surrogate pair, a lone surrogate, a space
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.chars().with("0123456789abcdefABCDEF_xz")),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().with(' ', 'é', '\uD83D', '\uDE00', '-', '.', 'G')));
        return chars.list().ofMaxSize(40).map(cs -> {
            StringBuilder b = new StringBuilder();
            cs.forEach(b::append);
            return b.toString();
        });
    }
}
