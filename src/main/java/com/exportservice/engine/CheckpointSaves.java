package com.exportservice.engine;

import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.PersistedCheckpoint;
import com.exportservice.status.StatusTracker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * How an export's data types save their committed checkpoints in the state store: through the status
 * bean, on the {@code export-checkpoints} threads, at most once per interval ({@value #SETTING}, default
 * {@link #INTERVAL}) while batches go on, and always for a data type's last batch and when its run stops
 * (cancel, failure, shutdown). See {@link DataTypeRun}.
 */
public final class CheckpointSaves {
    /** The setting of the interval (docs/configuration.md); an ISO-8601 duration. */
    public static final String SETTING = "exporter.checkpoint.interval";
    /**
     * The longest a data type's committed batches go unsaved while it runs, by default. A save per batch (about
     * 500 per million rows) cost 6-9% of the export's time (bench/README.md); at 500 ms a 1M-row export saves
     * 10-20 times. What a crash can lose is re-read and written again on resume (exactness holds either way),
     * so it is bounded by this much work; the status, which shows only what the store holds, moves twice per
     * second, inside the once-a-second progress events; and the embedded H2 store itself writes its commits
     * to its file only every 500 ms (its default {@code WRITE_DELAY}), so saving more often buys a killed
     * process nothing there.
     */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    private final StatusTracker status;
    private final Executor threads;
    private final LongSupplier nanoTime;
    private final long intervalNanos;

    /** Saves through {@code status} on {@code threads}, at most once per {@code interval} of {@link System#nanoTime}. */
    public CheckpointSaves(StatusTracker status, Executor threads, Duration interval) {
        this(status, threads, System::nanoTime, interval);
    }

    /** As above, timed by {@code nanoTime} (tests: a clock they move). */
    CheckpointSaves(StatusTracker status, Executor threads, LongSupplier nanoTime, Duration interval) {
        this.status = Objects.requireNonNull(status, "status");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
    }

    long now() {
        return nanoTime.getAsLong();
    }

    /** Whether a save that started at {@code lastStart} is this long ago that the next one is due. */
    boolean due(long lastStart, long now) {
        return now - lastStart >= intervalNanos;
    }

    /** Starts saving a checkpoint and the durations of the batches it adds; the future holds the store's receipt. */
    CompletableFuture<PersistedCheckpoint> start(BatchCheckpoint checkpoint, List<Duration> batchDurations) {
        return CompletableFuture.supplyAsync(() -> status.persist(checkpoint, batchDurations), threads);
    }
}
