package com.exportservice.inbox;

import com.exportservice.security.LogCapture;
import com.exportservice.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The inbox consumer's poll strategy: an inbox that cannot take files fails each poll once, quietly, and says why. */
class InboxPollsTest {
    @TempDir
    Path inbox;

    @Test
    void should_fail_a_poll_before_any_file_when_failed_is_a_regular_file_and_log_it_once() throws Exception {
        Files.writeString(inbox.resolve(".failed"), "oops");
        InboxPolls polls = new InboxPolls(inbox, Clock.systemUTC(), Duration.ofMinutes(1));

        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                Throwable e = catchThrowable(() -> polls.begin(null, null));
                assertThat(polls.rollback(null, null, 1, (Exception) e)).isFalse();
                polls.handleException("Failed polling endpoint", e);
            }

            assertThat(log.text().split("the inbox cannot take files", -1)).as("logged once for 100 polls").hasSize(2);
            assertThat(log.text()).doesNotContain("\tat ").contains(".failed is not a directory");
        }
        assertThat(polls.problem()).hasValueSatisfying(p -> assertThat(p).contains(".failed is not a directory"));

        Files.delete(inbox.resolve(".failed"));
        assertThat(polls.begin(null, null)).isTrue();
        polls.commit(null, null, 0);
        assertThat(polls.problem()).isEmpty();
        assertThat(inbox.resolve(".failed")).isDirectory();
    }

    @Test
    void should_report_a_consumer_that_stopped_polling() {
        Instant start = Instant.parse("2026-11-26T04:13:03Z");
        MutableClock clock = new MutableClock(start);
        InboxPolls polls = new InboxPolls(inbox, clock, Duration.ofSeconds(60));
        assertThat(polls.problem()).as("before the first poll").isEmpty();
        polls.begin(null, null);
        polls.commit(null, null, 0);

        clock.set(start.plusSeconds(59));
        assertThat(polls.problem()).isEmpty();
        clock.set(start.plusSeconds(61));
        assertThat(polls.problem()).hasValueSatisfying(p -> assertThat(p).contains("has not polled").contains("consumer stopped"));
    }
}
