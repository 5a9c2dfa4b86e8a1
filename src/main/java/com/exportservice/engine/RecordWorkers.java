package com.exportservice.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits the per-record work of a batch (validate, transform, encode) into contiguous chunks done at
 * once by the export's own thread and a small pool sized from the machine
 * ({@code Runtime.availableProcessors()}: one core, no pool, the batch is one chunk as before). Each
 * chunk is a fixed slice of the batch and has its own processors and encoder (its slot), so the
 * records keep their order and the export's thread alone writes the file and commits the batch.
 *
 * <p>The calling thread takes every chunk no pool thread has started yet, so a pool busy with other
 * exports' chunks slows a batch down but never holds it up.
 */
public final class RecordWorkers implements AutoCloseable {
    /**
     * Chunks smaller than this are not worth handing to another thread (waking it costs about as much
     * as validating, transforming and encoding a few dozen records).
     */
    static final int MIN_CHUNK = 256;

    private final int parallelism;
    private final ExecutorService pool;

    private RecordWorkers(int parallelism, ExecutorService pool) {
        this.parallelism = parallelism;
        this.pool = pool;
    }

    /** Workers for this machine: as many chunks as available processors, the caller doing one of them. */
    public static RecordWorkers forMachine(ThreadFactory threads) {
        return of(Runtime.getRuntime().availableProcessors(), threads);
    }

    /** {@code parallelism} chunks at most per batch; 1: everything on the calling thread. */
    public static RecordWorkers of(int parallelism, ThreadFactory threads) {
        if (parallelism <= 1) {
            return sequential();
        }
        return new RecordWorkers(parallelism, Executors.newFixedThreadPool(parallelism - 1, threads));
    }

    /** Everything on the calling thread. */
    public static RecordWorkers sequential() {
        return new RecordWorkers(1, null);
    }

    /** The most chunks a batch is split into. */
    public int parallelism() {
        return parallelism;
    }

    /** How many chunks a batch of {@code records} is split into, with at most {@code slots} slots. */
    int chunks(int records, int slots) {
        int byWork = Math.max(1, records / MIN_CHUNK);
        return Math.max(1, Math.min(Math.min(parallelism, slots), byWork));
    }

    /** The end (exclusive) of chunk {@code c} of {@code records} records in {@code chunks} chunks; -1 gives 0. */
    static int chunkEnd(int records, int chunks, int c) {
        return (int) ((long) records * (c + 1) / chunks);
    }

    /** One chunk's work: records {@code [from, to)} with the processors and encoder of {@code slot}. */
    @FunctionalInterface
    interface Chunk {
        void run(int slot, int from, int to) throws Exception;
    }

    /**
     * Runs {@code work} over {@code chunks} contiguous slices of {@code records} records and returns when
     * every slice is done. When slices fail, the exception of the first failing slice (in record order)
     * is thrown, as a sequential run would have thrown it.
     */
    void run(int records, int chunks, Chunk work) throws Exception {
        if (chunks <= 1) {
            work.run(0, 0, records);
            return;
        }
        Slice[] slices = new Slice[chunks];
        Thread caller = Thread.currentThread();
        AtomicInteger pending = new AtomicInteger(chunks);
        for (int c = 0; c < chunks; c++) {
            slices[c] = new Slice(c, chunkEnd(records, chunks, c - 1), chunkEnd(records, chunks, c), work, pending, caller);
        }
        for (int c = 1; c < chunks; c++) {
            pool.execute(slices[c]);
        }
        for (Slice s : slices) {
            s.run(); // ours unless a pool thread took it first
        }
        boolean interrupted = false;
        while (pending.get() > 0) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted(); // a slice must not be left half-done: wait, then restore
        }
        if (interrupted) {
            caller.interrupt();
        }
        for (Slice s : slices) {
            if (s.failure instanceof Error e) {
                throw e;
            }
            if (s.failure != null) {
                throw (Exception) s.failure;
            }
        }
    }

    /** Stops the pool threads (the service stops). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static final class Slice implements Runnable {
        private final int slot;
        private final int from;
        private final int to;
        private final Chunk work;
        private final AtomicInteger pending;
        private final Thread caller;
        private final AtomicBoolean taken = new AtomicBoolean();
        /** Written before {@code pending} is decremented, read after it reached 0: visible to the caller. */
        private Throwable failure;

        Slice(int slot, int from, int to, Chunk work, AtomicInteger pending, Thread caller) {
            this.slot = slot;
            this.from = from;
            this.to = to;
            this.work = work;
            this.pending = pending;
            this.caller = caller;
        }

        @Override
        public void run() {
            if (!taken.compareAndSet(false, true)) {
                return;
            }
            try {
                work.run(slot, from, to);
            } catch (Exception | Error e) {
                failure = e;
            } finally {
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
