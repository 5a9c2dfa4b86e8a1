package com.exportservice.status;

import java.time.Duration;
import java.time.Instant;

/**
 * Records per second of an export's current attempt, smoothed for the ETA: an exponentially weighted
 * moving average of the rate over committed batches, each weighted by the time it took
 * ({@code 1 - e^(-dt/tau)}), so a burst of small fast batches weighs as much as one slow batch of the
 * same duration. The clock of a sample starts when a data type opens, so planning, the gap between data
 * types (footer, checksum) and a retry's wait do not count as slow batches. Not thread-safe: guarded by
 * its export's lock.
 */
final class RateEstimate {
    /** How long the average remembers: after this long a change of rate is 63% taken in. */
    static final Duration TAU = Duration.ofSeconds(2);

    private double rate = Double.NaN;
    private Instant since;
    private long pending;

    /** A new attempt: what an earlier one measured says nothing about this one. */
    void restart(Instant now) {
        rate = Double.NaN;
        since = now;
        pending = 0;
    }

    /** A data type opens: the next batch's time counts from now. */
    void resume(Instant now) {
        since = now;
        pending = 0;
    }

    /** A batch of {@code records} committed at {@code now}. */
    void add(long records, Instant now) {
        if (since == null) {
            since = now;
            return;
        }
        pending += records;
        double seconds = Duration.between(since, now).toNanos() / 1e9;
        if (seconds <= 0) {
            return; // same clock tick: counted with the next batch
        }
        double sample = pending / seconds;
        double weight = 1 - Math.exp(-seconds / (TAU.toNanos() / 1e9));
        rate = Double.isNaN(rate) ? sample : rate + weight * (sample - rate);
        since = now;
        pending = 0;
    }

    /** Seconds to process {@code remaining} records at the smoothed rate, to 0.1 s; null while unknown. */
    Double secondsFor(long remaining) {
        if (Double.isNaN(rate) || rate <= 0) {
            return null;
        }
        return Math.round(Math.max(0, remaining) * 10.0 / rate) / 10.0;
    }
}
