package com.exportservice.cli;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static com.exportservice.cli.StatusSamples.status;
import static org.assertj.core.api.Assertions.assertThat;

class ProgressViewTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final AtomicLong clock = new AtomicLong(1_000_000);

    String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class Terminal {
        final ProgressView view = ProgressView.create(err, true, clock::get, 5_000);

        @Test
        void should_draw_percent_records_rate_and_eta() {
            assertThat(LiveProgressBar.line(status("running", 45_000, 100_000, 55_000)))
                    .isEqualTo("[#########-----------]  45.0%  45,000/100,000 records  55,000 rec/s  ETA 0:01");
        }

        @Test
        void should_redraw_in_place_and_wipe_the_rest_of_a_longer_line() {
            view.update(status("running", 45_000, 100_000, 51_234.4));
            view.update(status("running", 50_000, 100_000, 0));

            String first = "[#########-----------]  45.0%  45,000/100,000 records  51,234 rec/s  ETA 0:02";
            String second = "[##########----------]  50.0%  50,000/100,000 records  0 rec/s  ETA --:--";
            assertThat(printed()).isEqualTo("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()));
            assertThat(printed()).doesNotContain("\n");
        }

        @Test
        void should_show_a_pending_export_as_waiting() {
            view.update(status("pending", 0, 0, 0));

            assertThat(printed()).isEqualTo("\r[--------------------]   0.0%  waiting to start");
        }

        @Test
        void should_end_with_a_full_bar_and_the_outcome_on_its_own_line() {
            view.update(status("running", 10, 100, 5));
            view.finish(status("completed", 100, 100, 50_000, "2026-11-26T04:13:03.123Z", "2026-11-26T04:14:05.000Z", null));

            assertThat(printed()).endsWith(
                    "\r[####################] 100.0%  100/100 records  50,000 rec/s  ETA 0:00\n"
                            + "export exp-1: completed, 100 records in 1:02 (50000 rec/s)\n");
        }

        @Test
        void should_start_a_new_line_when_interrupted_mid_bar() {
            view.update(status("running", 10, 100, 5));
            view.interrupted("exp-1");

            assertThat(printed()).endsWith(" ETA 0:18\ninterrupted: export exp-1 stops at its last checkpoint"
                    + " and continues when the service starts again\n");
        }

        @Test
        void should_show_hours_in_a_long_eta() {
            assertThat(LiveProgressBar.line(status("running", 0, 10_000_000, 1_000))).endsWith("ETA 2:46:40");
        }

        @Test
        void should_not_overflow_the_bar_when_more_is_processed_than_planned() {
            assertThat(LiveProgressBar.line(status("running", 120, 100, 10))).startsWith("[####################] 100.0%");
        }
    }

    @Nested
    class Plain {
        final ProgressView view = ProgressView.create(err, false, clock::get, 5_000);

        @Test
        void should_print_a_line_at_once_then_one_per_interval() {
            view.update(status("running", 45_000, 100_000, 51_234));
            clock.addAndGet(200);
            view.update(status("running", 46_000, 100_000, 51_234));
            clock.addAndGet(4_799);
            view.update(status("running", 47_000, 100_000, 51_234));
            clock.addAndGet(1);
            view.update(status("running", 48_000, 100_000, 51_234));

            assertThat(printed()).isEqualTo("""
                    export exp-1: running 45.0% (45000/100000 records, 51234 rec/s)
                    export exp-1: running 48.0% (48000/100000 records, 51234 rec/s)
                    """);
        }

        @Test
        void should_print_a_line_when_the_state_changes() {
            view.update(status("pending", 0, 0, 0));
            view.update(status("running", 0, 100, 0));
            view.update(status("running", 1, 100, 0));

            assertThat(printed()).isEqualTo("""
                    export exp-1: pending (waiting to start)
                    export exp-1: running 0.0% (0/100 records, 0 rec/s)
                    """);
        }

        @Test
        void should_write_no_carriage_returns() {
            view.update(status("running", 1, 2, 1));
            view.finish(status("completed", 2, 2, 1));

            assertThat(printed()).doesNotContain("\r");
        }

        @Test
        void should_end_with_the_outcome_of_a_failed_export_and_its_error() {
            view.finish(status("failed", 45_000, 100_000, 0, "2026-11-26T04:13:03.123Z", "2026-11-26T04:13:04.000Z",
                    "source unreachable: connection refused"));

            assertThat(printed()).isEqualTo(
                    "export exp-1: failed after 45000/100000 records: source unreachable: connection refused\n");
        }

        @Test
        void should_end_with_the_outcome_of_a_cancelled_export() {
            view.finish(status("cancelled", 3, 10, 0));

            assertThat(printed()).isEqualTo("export exp-1: cancelled after 3/10 records\n");
        }

        @Test
        void should_say_so_when_a_failed_export_has_no_message() {
            view.finish(status("failed", 0, 10, 0));

            assertThat(printed()).isEqualTo("export exp-1: failed after 0/10 records: no error message recorded\n");
        }

        @Test
        void should_end_a_completed_export_with_count_duration_and_rate() {
            view.finish(status("completed", 100_000, 100_000, 51_234.6, "2026-11-26T04:13:03.123Z",
                    "2026-11-26T06:13:05.123Z", null));

            assertThat(printed()).isEqualTo("export exp-1: completed, 100000 records in 2:00:02 (51235 rec/s)\n");
        }

        @Test
        void should_report_an_empty_export_as_complete() {
            view.finish(status("completed", 0, 0, 0));

            assertThat(printed()).isEqualTo("export exp-1: completed, 0 records (0 rec/s)\n");
        }
    }
}
