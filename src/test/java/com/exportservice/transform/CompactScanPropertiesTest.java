package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonText#compactObject} (the scan of {@link CompactScan}, the parser where it leaves the text
 * open) gives what Jackson's streaming parser decides ({@link JsonText#compactObjectByParser}, the
 * reference) on generated objects: in their printed form, and spoilt by a char put in, taken out or
 * replaced anywhere.
 */
class CompactScanPropertiesTest {

    @Property(tries = 4000)
    void should_take_the_texts_the_parser_takes_with_the_same_names(@ForAll("objects") String text) {
        assertSameAnswers(text);
    }

    @Property(tries = 6000)
    void should_refuse_the_texts_the_parser_refuses(@ForAll("spoilt") String text) {
        assertSameAnswers(text);
    }

    @Test
    void should_take_the_usual_metadata_without_the_parser() {
        String text = "{\"thread\":\"worker-3\",\"pid\":12345,\"region\":\"eu-central-1\",\"http\":{\"method\":\"GET\",\"status\":200},"
                + "\"l\":[1,-2,true,false,null,[],{}],\"big\":123456789012345678901234567890,\"z\":0,\"u\":\"Zürich\u00A0€\"}";
        Object scanned = scan.scan(text);
        assertThat(scanned).isInstanceOf(CompactJsonObject.class);
        CompactJsonObject compact = (CompactJsonObject) scanned;
        assertThat(compact.names()).containsExactly("thread", "pid", "region", "http", "l", "big", "z", "u");
        assertThat(compact.hasName("http")).isTrue();
        assertThat(compact.hasName("method")).isFalse(); // nested
        assertThat(compact.hasName("pi")).isFalse();
        assertThat(compact.hasName("pid\",\"x")).isFalse();
    }

    @Test
    void should_refuse_spaced_escaped_and_fractional_texts_without_the_parser() {
        for (String text : List.of("{\"a\": 1}", "{\"a\":\"\\n\"}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":-0}", "{\"a\":1,\"a\":2}",
                "{\"a\":\"\uD83D\uDE00\"}", "{\"a\":[1, 2]}")) {
            assertThat(scan.scan(text)).as(text).isNull();
        }
    }

    @Test
    void should_leave_deep_nesting_syntax_errors_and_long_numbers_to_the_parser() {
        String deep = "{\"a\":" + "[".repeat(CompactScan.MAX_DEPTH + 1) + "]".repeat(CompactScan.MAX_DEPTH + 1) + "}";
        assertThat(scan.scan(deep)).isSameAs(CompactScan.ASK_PARSER);
        assertThat(JsonText.compactObject(deep)).isNotNull();
        assertThat(scan.scan("{\"a\":tru}")).isSameAs(CompactScan.ASK_PARSER);
        assertThat(scan.scan("{\"a\":" + "9".repeat(CompactScan.MAX_NUMBER + 1) + "}")).isSameAs(CompactScan.ASK_PARSER);
        assertThat(JsonText.compactObject("{\"a\":" + "9".repeat(1001) + "}")).isNull(); // past the parser's limit
    }

    /** One for all texts, as a validator keeps it from record to record: what one text leaves in it must not change the next's answer. */
    private final CompactScan scan = new CompactScan();

    private void assertSameAnswers(String text) {
        CompactJsonObject expected = JsonText.compactObjectByParser(text);
        CompactJsonObject actual = JsonText.compactObject(text, scan);
        boolean braced = text.length() >= 2 && text.startsWith("{") && text.endsWith("}"); // what scan is given
        Statistics.collect(expected == null ? "refused" : "taken",
                !braced ? "before the scan" : scan.scan(text) == CompactScan.ASK_PARSER ? "by the parser" : "by the scan");
        if (expected == null) {
            assertThat(actual).as(text).isNull();
        } else {
            assertThat(actual).as(text).isNotNull();
            assertThat(actual.text()).isSameAs(text);
            assertThat(actual.nameAt()).as(text).containsExactly(expected.nameAt());
            assertThat(actual.names()).as(text).isEqualTo(expected.names());
            assertThat(actual.nameBits()).as(text).isEqualTo(expected.nameBits());
        }
    }

    @Provide
    Arbitrary<String> objects() {
        return object(3);
    }

    @Provide
    Arbitrary<String> spoilt() {
        Arbitrary<String> chars = Arbitraries.of(" ", "\n", "\t", "\r", "\"", "\\", ",", ":", "{", "}", "[", "]", "-", "0", "1", ".",
                "e", "E", "+", "t", "n", "\u0000", "\u001f", "\u007f", "\uD83D", "\uDE00", "/", "a", "é", "");
        return Combinators.combine(object(3), Arbitraries.integers().between(0, 1000), chars, Arbitraries.integers().between(0, 2))
                .as((text, at, c, how) -> {
                    int i = Math.min(at, text.length());
                    return switch (how) {
                        case 0 -> text.substring(0, i) + c + text.substring(i); // put in
                        case 1 -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text; // taken out
                        default -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text; // replaced
                    };
                });
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> member = Combinators.combine(name(), value(depth)).as((n, v) -> "\"" + n + "\":" + v);
        return member.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
    }

    private static Arbitrary<String> name() {
        return Arbitraries.oneOf(Arbitraries.of("a", "b", "pid", "thread", "", "ü", "x y"), string());
    }

    private static Arbitrary<String> string() {
        return Arbitraries.of("a", "worker-3", "Zürich", "€", "\\\"", "\\\\", "\\n", "\\u0041", "\\ud83d\\ude00", "\uD83D\uDE00", "\uD83D",
                "\u0001", "\u007f", " ", "/", "'", "").list().ofMaxSize(3).map(l -> String.join("", l));
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                string().map(s -> "\"" + s + "\""),
                Arbitraries.of("0", "-0", "1", "-1", "12345", "-987", "00", "01", "-", "1.5", "0.0", "-0.0", "1e3", "2E-2", "1.",
                        "9223372036854775808", "123456789012345678901234567890", "true", "false", "null", "tru", "nul"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, array), Tuple.of(2, Arbitraries.lazy(() -> object(depth - 1))));
    }
}
