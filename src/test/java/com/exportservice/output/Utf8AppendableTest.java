package com.exportservice.output;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8AppendableTest {
    /** One of each kind of char: ASCII (with the quote), 2- and 3-byte, high and low surrogates. */
    private static final char[] ALPHABET = {'a', '"', ',', '\r', '\n', 0, 0x7F, 0x80, 'é', 0x7FF, 0x800, '€', 0xFFFF,
            0xD800, 0xD83D, 0xDBFF, 0xDC00, 0xDE00, 0xDFFF, 0xE000};

    /** What CsvRecordWriter used before: the whole text through UTF-8's encoder, replacing what cannot be encoded. */
    private static byte[] encoder(String text) throws CharacterCodingException {
        ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                .encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private static byte[] drained(Utf8Appendable text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text.drainTo(out, 7);
        return out.toByteArray();
    }

    @Test
    void should_encode_as_the_utf8_encoder_does_however_the_text_is_split_into_appends() throws IOException {
        Random random = new Random(8);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder whole = new StringBuilder();
            StringBuilder doubled = new StringBuilder();
            Utf8Appendable text = new Utf8Appendable(4);
            Utf8Appendable quoted = new Utf8Appendable(4);
            for (int piece = random.nextInt(6); piece >= 0; piece--) {
                char[] chars = new char[random.nextInt(12)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (char) ('a' + random.nextInt(26));
                }
                String s = new String(chars);
                whole.append(s);
                doubled.append(s.replace("\"", "\"\""));
                switch (random.nextInt(4)) {
                    case 0 -> text.append(s);
                    case 1 -> text.append("xx" + s + "yy", 2, 2 + s.length());
                    case 2 -> text.append(new StringBuilder(s));
                    default -> {
                        for (char c : chars) {
                            text.append(c);
                        }
                    }
                }
                if (random.nextBoolean()) {
                    quoted.appendDoublingQuotes(chars, 0, chars.length);
                } else {
                    quoted.appendDoublingQuotes("_" + s, 1, s.length());
                }
            }

            assertThat(drained(text)).as("text %s", whole).isEqualTo(encoder(whole.toString()));
            assertThat(drained(quoted)).as("quoted %s", whole).isEqualTo(encoder(doubled.toString()));
        }
    }

    @Test
    void should_quote_utf8_bytes_doubling_every_quote_wherever_it_falls_in_a_word() throws IOException {
        Random random = new Random(9);
        for (int run = 0; run < 20_000; run++) {
            byte[] utf8 = new byte[random.nextInt(50)];
            for (int i = 0; i < utf8.length; i++) {
                utf8[i] = random.nextInt(4) == 0 ? (byte) '"' : (byte) random.nextInt(256);
            }
            Utf8Appendable text = new Utf8Appendable(1);
            text.appendUtf8(new byte[] {'x'});
            text.appendQuotedUtf8(utf8);
            text.appendUtf8(new byte[] {'y'});

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(new byte[] {'x', '"'});
            for (byte b : utf8) {
                expected.write(b);
                if (b == '"') {
                    expected.write('"');
                }
            }
            expected.write(new byte[] {'"', 'y'});
            assertThat(drained(text)).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void should_give_a_string_the_bytes_of_its_char_appends_unless_a_surrogate_could_pair_across_them() throws IOException {
        Random random = new Random(10);
        for (int run = 0; run < 5_000; run++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            String s = new String(chars);
            Utf8Appendable text = new Utf8Appendable(4);
            byte[] utf8 = text.utf8(s);
            if (!s.isEmpty() && Character.isHighSurrogate(s.charAt(s.length() - 1))) {
                assertThat(utf8).as(s).isNull();
            } else {
                assertThat(utf8).as(s).isEqualTo(encoder(s));
            }
        }
        Utf8Appendable waiting = new Utf8Appendable(4);
        waiting.append('\uD83D');
        assertThat(waiting.utf8("\uDE00")).isNull();
    }

    @Test
    void should_copy_an_ascii_string_without_a_stop_char_in_one_pass_and_leave_any_other_to_the_caller() throws IOException {
        boolean[] stop = new boolean[256];
        stop[','] = true;
        Utf8Appendable text = new Utf8Appendable(1);
        text.append('<');

        assertThat(text.appendAsciiWithout("plain ascii", stop)).isTrue();
        assertThat(text.appendAsciiWithout("a,b", stop)).isFalse();
        assertThat(text.appendAsciiWithout("café", stop)).isFalse();
        assertThat(text.appendAsciiWithout("", stop)).isTrue();
        text.append('\uD83D'); // a high surrogate waits: its pair may come next
        assertThat(text.appendAsciiWithout("x", stop)).isFalse();
        text.append('\uDE00');
        text.append('>');

        assertThat(drained(text)).isEqualTo("<plain ascii\uD83D\uDE00>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void should_print_a_number_as_long_to_string_does() throws IOException {
        Random random = new Random(11);
        List<Long> numbers = new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, -10L, 99L, 100L, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE));
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            numbers.addAll(List.of(power - 1, power, power + 1, -power, 1 - power));
        }
        for (int run = 0; run < 10_000; run++) {
            numbers.add(random.nextLong() >> random.nextInt(64));
        }
        for (long n : numbers) {
            Utf8Appendable text = new Utf8Appendable(1);
            text.appendDecimal(n);
            assertThat(drained(text)).as("%d", n).isEqualTo(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void should_replace_a_high_surrogate_left_alone_before_bytes_already_encoded_and_at_the_end() throws IOException {
        Utf8Appendable text = new Utf8Appendable(16);
        text.append("a\uD83D");
        text.appendUtf8("b".getBytes(StandardCharsets.UTF_8));
        text.append('\uD83D');

        assertThat(drained(text)).isEqualTo("a?b?".getBytes(StandardCharsets.UTF_8));
        assertThat(text.size()).isZero();
    }
}
