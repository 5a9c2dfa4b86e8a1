package com.exportservice.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits the per-record work of a batch (validate, transform, encode) into contiguous chunks done at
 * once by the export's own thread and a small pool sized from the machine
 * ({@code Runtime.availableProcessors()}: one core, no pool, the batch is one chunk as before). Each
 * chunk is a fixed slice of the batch and has its own processors and encoder (its slot), so the
 * records keep their order and the export's thread alone writes the file and commits the batch.
 *
 * <p>A batch has a few chunks per thread, and each thread takes the next chunk nobody has taken: a
 * pool thread that wakes late, or is busy with another export's batch, or shares its core with the
 * database, leaves its chunks to the others instead of holding the batch up.
 *
 * <p>Such a thread must not hold the batch either: once its chunks are done, a hand-over that no pool
 * thread took yet is taken back from the pool's queue, and the one a pool thread holds but has not
 * run yet no longer reaches the batch's records. On a busy machine a pool thread can wait for a core
 * for a tenth of a second and more, and each batch's hand-over used to keep that batch alive until it
 * ran: 8 batches at once in the heap, tens of megabytes promoted into the old generation
 * (bench/README.md, "Memory at 10M rows").
 */
public final class RecordWorkers implements AutoCloseable {
    /**
     * Chunks smaller than this are not worth handing to another thread (waking it costs about as much
     * as validating, transforming and encoding a few dozen records).
     */
    static final int MIN_CHUNK = 128;
    /** Chunks per thread: small enough pieces that the threads finish together. */
    static final int CHUNKS_PER_THREAD = 4;

    private final int parallelism;
    private final ThreadPoolExecutor pool;

    private RecordWorkers(int parallelism, ThreadPoolExecutor pool) {
        this.parallelism = parallelism;
        this.pool = pool;
    }

    /** Workers for this machine: as many threads as available processors, the caller one of them. */
    public static RecordWorkers forMachine(ThreadFactory threads) {
        return of(Runtime.getRuntime().availableProcessors(), threads);
    }

    /** {@code parallelism} threads at most per batch, the caller's included; 1: everything on the calling thread. */
    public static RecordWorkers of(int parallelism, ThreadFactory threads) {
        if (parallelism <= 1) {
            return sequential();
        }
        return new RecordWorkers(parallelism, new ThreadPoolExecutor(parallelism - 1, parallelism - 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads));
    }

    /** Everything on the calling thread. */
    public static RecordWorkers sequential() {
        return new RecordWorkers(1, null);
    }

    /** The most threads working on one batch. */
    public int parallelism() {
        return parallelism;
    }

    /** The most chunks a batch is split into: one slot (processors, encoder) each. */
    public int slots() {
        return parallelism == 1 ? 1 : parallelism * CHUNKS_PER_THREAD;
    }

    /** How many chunks a batch of {@code records} is split into, with at most {@code slots} slots. */
    int chunks(int records, int slots) {
        int byWork = Math.max(1, records / MIN_CHUNK);
        return Math.max(1, Math.min(Math.min(slots(), slots), byWork));
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
        Batch batch = new Batch(records, chunks, work, Thread.currentThread());
        int helpers = Math.min(parallelism, chunks) - 1;
        Runnable[] handOvers = new Runnable[helpers];
        for (int t = 0; t < helpers; t++) {
            handOvers[t] = batch::work;
            pool.execute(handOvers[t]);
        }
        batch.work();
        boolean interrupted = false;
        while (batch.done.get() < chunks) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted(); // a chunk must not be left half-done: wait, then restore
        }
        // every chunk is done: a hand-over still queued or not yet run keeps neither the batch nor its work
        batch.work = null;
        for (Runnable handOver : handOvers) {
            pool.remove(handOver);
        }
        if (interrupted) {
            batch.caller.interrupt();
        }
        for (Throwable failure : batch.failures) {
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw (Exception) failure;
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

    /** The chunks of one batch, taken in order by whichever thread asks next. */
    private static final class Batch {
        private final int records;
        private final int chunks;
        /**
         * The chunks' work (it reaches the batch's records), dropped once all chunks are done. Only a
         * thread that took a chunk reads it, before that chunk counts as done: never after it was dropped.
         */
        private volatile Chunk work;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        /** Written before {@code done} counts the chunk, read once it counted all: visible to the caller. */
        private final Throwable[] failures;

        Batch(int records, int chunks, Chunk work, Thread caller) {
            this.records = records;
            this.chunks = chunks;
            this.work = work;
            this.caller = caller;
            this.failures = new Throwable[chunks];
        }

        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    work.run(c, chunkEnd(records, chunks, c - 1), chunkEnd(records, chunks, c));
                } catch (Exception | Error e) {
                    failures[c] = e;
                } finally {
                    if (done.incrementAndGet() == chunks) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }
}
