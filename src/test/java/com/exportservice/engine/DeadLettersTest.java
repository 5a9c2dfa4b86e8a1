package com.exportservice.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** A full disk is told as such, wherever the I/O error sits in the cause chain. */
class DeadLettersTest {
    @Test
    void should_recognize_a_full_disk_in_the_cause_chain() {
        assertThat(DeadLetters.diskFull(new IOException("No space left on device"))).isTrue();
        assertThat(DeadLetters.diskFull(new RuntimeException(new UncheckedIOException(
                new FileSystemException("/exports/x/logs.jsonl.part", null, "No space left on device"))))).isTrue();
        assertThat(DeadLetters.diskFull(new IOException("Permission denied"))).isFalse();
        assertThat(DeadLetters.diskFull(null)).isFalse();
    }
}
