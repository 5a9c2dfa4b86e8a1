package com.exportservice.engine;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker pool of a batch: every record done once, in its slot's slice, and no batch kept alive by
 * a pool thread that has not run yet (on a busy machine one may wait for a core for many batches).
 */
class RecordWorkersTest {

    @Test
    void should_do_every_record_once_when_a_batch_is_split() throws Exception {
        try (RecordWorkers workers = RecordWorkers.of(3, RecordWorkersTest::daemon)) {
            // given
            int records = 1000;
            int chunks = workers.chunks(records, workers.slots());
            AtomicInteger[] seen = new AtomicInteger[records];
            for (int i = 0; i < records; i++) {
                seen[i] = new AtomicInteger();
            }

            // when
            workers.run(records, chunks, (slot, from, to) -> {
                for (int i = from; i < to; i++) {
                    seen[i].incrementAndGet();
                }
            });

            // then
            assertThat(chunks).isGreaterThan(1);
            for (int i = 0; i < records; i++) {
                assertThat(seen[i].get()).as("record %d", i).isEqualTo(1);
            }
        }
    }

    @Test
    void should_not_keep_a_batch_for_a_pool_thread_that_has_not_run_yet() throws Exception {
        // given: the pool's only thread held back, so the caller does every chunk itself
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RecordWorkers workers = RecordWorkers.of(2, r -> daemon(() -> {
            started.countDown();
            await(release);
            r.run();
        }))) {
            List<WeakReference<Object>> batches = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();

            // when: five batches go by, each handed over to the held-back thread
            for (int b = 0; b < 5; b++) {
                Object batch = new byte[1 << 20];
                batches.add(new WeakReference<>(batch));
                workers.run(1000, 4, (slot, from, to) -> {
                    assertThat(batch).isNotNull();
                    done.addAndGet(to - from);
                });
                started.await();
            }

            // then: nothing reaches them any more, though the thread has not run a single hand-over
            assertThat(done.get()).isEqualTo(5000);
            for (int attempt = 0; attempt < 50 && batches.stream().anyMatch(w -> w.get() != null); attempt++) {
                System.gc();
            }
            assertThat(batches).allSatisfy(w -> assertThat(w.get()).as("a finished batch").isNull());
            release.countDown();
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "test-records");
        t.setDaemon(true);
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
