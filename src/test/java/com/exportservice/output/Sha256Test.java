package com.exportservice.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {
    @TempDir
    Path dir;

    @Test
    void should_give_the_standard_digests_in_lower_case_hex() throws Exception {
        Path abc = Files.writeString(dir.resolve("abc"), "abc");
        Path empty = Files.createFile(dir.resolve("empty"));

        assertThat(Sha256.hex(abc)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(empty)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void should_digest_a_file_larger_than_its_read_buffer() throws Exception {
        byte[] data = new byte[1_000_003];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("big"), data);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        assertThat(Sha256.hex(file)).isEqualTo(expected);
    }
}
