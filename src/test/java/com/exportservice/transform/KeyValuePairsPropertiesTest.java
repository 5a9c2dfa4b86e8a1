package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scan that jumps from separator to separator finds the pairs the char-by-char scan it replaced
 * found ({@link #charByChar}: the grammar of docs/validation.md read at every index).
 */
class KeyValuePairsPropertiesTest {

    @Property(tries = 3000)
    void should_find_the_pairs_a_char_by_char_scan_finds(@ForAll("messages") String text) {
        Map<String, Object> found = new LinkedHashMap<>();
        KeyValuePairs.extract(text, found);
        assertThat(new ArrayList<>(found.entrySet())).as(text).isEqualTo(new ArrayList<>(charByChar(text).entrySet()));
        // the spans' keys taken from KeyNames, as the transformer's map path does: the same pairs
        PairSpans spans = new PairSpans();
        KeyValuePairs.extract(text, spans);
        Map<String, Object> named = new LinkedHashMap<>();
        spans.putInto(named, keyNames);
        assertThat(new ArrayList<>(named.entrySet())).as(text).isEqualTo(new ArrayList<>(found.entrySet()));
        // what the scan noted of the values while it read them: whether each prints in JSON as it is
        assertThat(spans.printAsIs(null)).as(text).isEqualTo(found.values().stream().allMatch(v -> JsonText.printsAsIs((String) v)));
    }

    /** One for all tries, as a transformer keeps it from record to record. */
    private final KeyNames keyNames = new KeyNames();

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("user", "k", "a.b-c_9", "_x", "9z", "=", "==", "\"", "\\\"", "\\\\", " ", ",", ";", "  ", "é", "\t",
                        "\u0001", "\u007F", "\uD83D\uDE00", "\uD800", "\u20AC"),
                Arbitraries.strings().withChars("ab=\" ,;\\1_.").ofMaxLength(4),
                // keys at and past the longest a key may be
                Arbitraries.of("k".repeat(KeyValuePairs.MAX_KEY_LENGTH - 1), "k".repeat(KeyValuePairs.MAX_KEY_LENGTH),
                        "k".repeat(KeyValuePairs.MAX_KEY_LENGTH + 1)));
        return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
    }

    /** The scan before: a key may start at any index whose previous char is a separator. */
    private static Map<String, Object> charByChar(String text) {
        Map<String, Object> into = new LinkedHashMap<>();
        int n = text.length();
        int i = 0;
        while (i < n && into.size() < KeyValuePairs.MAX_PAIRS) {
            char c = text.charAt(i);
            boolean boundary = i == 0 || isSeparator(text.charAt(i - 1));
            if (!boundary || !isKeyStart(c)) {
                i++;
                continue;
            }
            int k = i + 1;
            while (k < n && (isKeyStart(text.charAt(k)) || Character.isDigit(text.charAt(k)) && text.charAt(k) < 128
                    || text.charAt(k) == '.' || text.charAt(k) == '-')) {
                k++;
            }
            if (k >= n || text.charAt(k) != '=' || k - i > KeyValuePairs.MAX_KEY_LENGTH) {
                i = k;
                continue;
            }
            String key = text.substring(i, k);
            int v = k + 1;
            if (v < n && text.charAt(v) == '"') {
                int end = -1;
                for (int j = v + 1; j < n; j++) {
                    if (text.charAt(j) == '\\') {
                        j++;
                    } else if (text.charAt(j) == '"') {
                        end = j;
                        break;
                    }
                }
                if (end < 0) {
                    i = v + 1;
                    continue;
                }
                if (end - v - 1 <= KeyValuePairs.MAX_VALUE_LENGTH) {
                    StringBuilder b = new StringBuilder();
                    for (int j = v + 1; j < end; j++) {
                        char x = text.charAt(j);
                        if (x == '\\' && j + 1 < end && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\\')) {
                            x = text.charAt(++j);
                        }
                        b.append(x);
                    }
                    into.putIfAbsent(key, b.toString());
                }
                i = end + 1;
                continue;
            }
            int e = v;
            while (e < n && !isSeparator(text.charAt(e))) {
                e++;
            }
            if (e > v && text.charAt(v) != '=' && e - v <= KeyValuePairs.MAX_VALUE_LENGTH) {
                into.putIfAbsent(key, text.substring(v, e));
            }
            i = e;
        }
        return into;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == ';';
    }

    private static boolean isKeyStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
