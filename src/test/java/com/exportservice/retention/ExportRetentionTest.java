package com.exportservice.retention;

import com.exportservice.status.StatusTracker;
import com.exportservice.testsupport.InMemoryH2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention policy on a real store and real directories: what expires, what stays. */
class ExportRetentionTest {
    @TempDir
    Path output;

    @Test
    void should_delete_the_directories_of_exports_ended_longer_ago_and_keep_their_records() throws Exception {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        // one store, seen at two moments: exports end at t0 and a day later
        var store = InMemoryH2.stateStore();
        StatusTracker atT0 = new StatusTracker(store, Clock.fixed(t0, ZoneOffset.UTC), 2, 10);
        String old = finished(atT0);
        String running = atT0.create(List.of("logs"), null, "{}", "http", null, "t", output, Map.of()).exportId();
        atT0.start(running);
        Files.createDirectories(output.resolve(running));
        StatusTracker dayLater = new StatusTracker(store, Clock.fixed(t0.plus(Duration.ofDays(1)), ZoneOffset.UTC), 2, 10);
        String recent = finished(dayLater);
        Path link = Files.createSymbolicLink(output.resolve(old).resolve("link"), output.resolve(recent));
        Clock anHourLater = Clock.fixed(t0.plus(Duration.ofDays(1)).plusSeconds(3600), ZoneOffset.UTC);
        StatusTracker now = new StatusTracker(store, anHourLater, 2, 10);

        int expired = new ExportRetention(now, Duration.ofHours(12), anHourLater).expire();

        assertThat(expired).isEqualTo(1);
        assertThat(output.resolve(old)).doesNotExist();
        assertThat(link).doesNotExist();
        assertThat(output.resolve(recent).resolve("logs.jsonl")).as("the link was deleted, not followed").exists();
        assertThat(output.resolve(running)).exists();
        assertThat(now.status(old).expired()).isTrue();
        assertThat(now.status(old).status()).isEqualTo("completed");
        assertThat(now.status(recent).expired()).isFalse();
        assertThat(now.status(running).expired()).isFalse();
    }

    @Test
    void should_check_every_tenth_of_the_retention_between_a_second_and_an_hour() {
        assertThat(ExportRetention.checkInterval(Duration.ofDays(30))).isEqualTo(Duration.ofHours(1));
        assertThat(ExportRetention.checkInterval(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(1));
        assertThat(ExportRetention.checkInterval(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
    }

    private String finished(StatusTracker tracker) throws Exception {
        String id = tracker.create(List.of("logs"), null, "{}", "http", null, "t", output, Map.of()).exportId();
        tracker.start(id);
        Files.createDirectories(output.resolve(id));
        Files.writeString(output.resolve(id).resolve("logs.jsonl"), "{}\n");
        tracker.completed(id);
        return id;
    }
}
