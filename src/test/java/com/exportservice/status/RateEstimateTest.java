package com.exportservice.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The smoothed rate behind the ETA: known after one batch, weighted by time, blind to pauses between data types. */
class RateEstimateTest {
    private static final Instant T0 = Instant.parse("2026-11-26T04:00:00Z");

    @Test
    void should_know_nothing_before_the_first_batch() {
        RateEstimate rate = new RateEstimate();
        rate.restart(T0);

        assertThat(rate.secondsFor(1000)).isNull();
    }

    @Test
    void should_estimate_the_remaining_time_from_a_steady_rate() {
        RateEstimate rate = new RateEstimate();
        rate.restart(T0);
        for (int i = 1; i <= 10; i++) {
            rate.add(1000, T0.plusMillis(100L * i)); // 10,000 records/s
        }

        assertThat(rate.secondsFor(50_000)).isEqualTo(5.0);
    }

    @Test
    void should_follow_a_change_of_rate_within_a_few_time_constants() {
        RateEstimate rate = new RateEstimate();
        rate.restart(T0);
        Instant t = T0;
        for (int i = 0; i < 50; i++) {               // 5 s at 10,000/s
            t = t.plusMillis(100);
            rate.add(1000, t);
        }
        for (int i = 0; i < 30; i++) {               // then 6 s (3 tau) at 5,000/s
            t = t.plusMillis(200);
            rate.add(1000, t);
        }

        // 95% of the way from 10,000/s to 5,000/s: within 5% of 10 s for 50,000 records
        assertThat(rate.secondsFor(50_000)).isBetween(9.5, 10.0);
    }

    @Test
    void should_not_count_the_pause_before_a_data_type_opens() {
        RateEstimate rate = new RateEstimate();
        rate.restart(T0);
        rate.add(1000, T0.plusMillis(100));          // 10,000/s
        rate.resume(T0.plusSeconds(60));             // a minute of footer, checksum, next plan
        rate.add(1000, T0.plusSeconds(60).plusMillis(100));

        assertThat(rate.secondsFor(10_000)).isEqualTo(1.0);
    }

    @Test
    void should_count_batches_of_the_same_clock_tick_with_the_next_one() {
        RateEstimate rate = new RateEstimate();
        rate.restart(T0);
        rate.add(1000, T0);                          // no time passed: no rate from it alone
        assertThat(rate.secondsFor(1)).isNull();
        rate.add(1000, T0.plusMillis(200));          // 2,000 records in 0.2 s

        assertThat(rate.secondsFor(10_000)).isEqualTo(1.0);
    }

    @Test
    void should_forget_an_earlier_attempt_when_restarted() {
        RateEstimate rate = new RateEstimate();
        rate.restart(T0);
        rate.add(1000, T0.plusMillis(100));
        rate.restart(T0.plusSeconds(10));

        assertThat(rate.secondsFor(1000)).isNull();
    }
}
