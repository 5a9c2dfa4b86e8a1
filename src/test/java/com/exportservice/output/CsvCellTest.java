package com.exportservice.output;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellTest {
    /** Every char Commons CSV's quoting looks at, its neighbours, and others. */
    private static final char[] ALPHABET = {0, '\t', '\n', '\r', ' ', '!', '"', '#', '$', ',', ';', '\'', '=', '-', '+', '@',
            'a', 'Z', '0', '{', '}', 'é', '€', 0xD83D, 0xDE00, 0x7F, 0x85, 0x2028};

    private static String ours(String value, boolean first) throws IOException {
        Utf8Appendable out = new Utf8Appendable(8);
        CsvCell.print(out, value, first);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.drainTo(bytes, 1024);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String commonsCsv(String value, boolean first) throws IOException {
        StringBuilder out = new StringBuilder();
        CSVFormat.RFC4180.print(value, out, first);
        return new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The value printed as Commons CSV prints it, first in a record and after another cell. */
    private static void assertPrintedAsCommonsCsv(String value) throws IOException {
        for (boolean first : new boolean[] {true, false}) {
            assertThat(ours(value, first)).as("%s first=%s", value, first).isEqualTo(commonsCsv(value, first));
        }
    }

    @Test
    void should_print_every_value_as_commons_csv_prints_it_first_in_a_record_and_after_another_cell() throws IOException {
        Random random = new Random(4180);
        for (int run = 0; run < 20_000; run++) {
            char[] chars = new char[random.nextInt(6)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            assertPrintedAsCommonsCsv(new String(chars));
        }
    }

    @Test
    void should_print_longer_values_as_commons_csv_wherever_a_char_that_quotes_them_is() throws IOException {
        // the ASCII pass stops at such a char, the byte path looks again: one now and then, anywhere in a value
        Random random = new Random(4181);
        for (int run = 0; run < 20_000; run++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(8) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (char) ('a' + random.nextInt(26));
            }
            assertPrintedAsCommonsCsv(new String(chars));
        }
    }

    @Test
    void should_tell_a_value_needs_quotes_from_its_bytes_as_from_its_chars() {
        Random random = new Random(4182);
        for (int run = 0; run < 50_000; run++) {
            char[] chars = new char[random.nextInt(30)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(16) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (char) ('a' + random.nextInt(26));
            }
            String value = new String(chars);
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            for (boolean first : new boolean[] {true, false}) {
                assertThat(CsvCell.needsQuotes(utf8, first)).as("%s first=%s", value, first).isEqualTo(CsvCell.needsQuotes(value, first));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "#tag", "a ", "a\t", "plain", "say \"hi\"", "a,b", "x\r\ny", "{\"k\":1}", "'=1+2",
            "eight ch", "eight,ch", "seven, eight", "a long value without any", "a long value with a \" in it", "ends in a space ",
            "\"\"\"\"\"\"\"\"\"", "{\"request_id\":\"abc\",\"n\":1}", "ünïcödé, with a comma", "a\uD83D\uDE00b,c", "lone \uD800 high, then"})
    void should_print_the_edge_cases_as_commons_csv(String value) throws IOException {
        assertThat(ours(value, true)).isEqualTo(commonsCsv(value, true));
        assertThat(ours(value, false)).isEqualTo(commonsCsv(value, false));
    }

    @Test
    void should_print_null_as_an_empty_unquoted_cell() throws IOException {
        assertThat(ours(null, true)).isEqualTo(commonsCsv(null, true)).isEmpty();
        assertThat(ours(null, false)).isEqualTo(commonsCsv(null, false)).isEqualTo(",");
    }
}
