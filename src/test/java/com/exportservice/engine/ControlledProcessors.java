package com.exportservice.engine;

import com.exportservice.config.DataType;
import org.apache.camel.CamelContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's record processors with a test's hand on them, bound in place of the
 * {@value RecordProcessors#BEAN} bean of a running service: it notes every record key validated per
 * data type, and can hold the export that first validates a chosen record until the test releases it
 * (an export that is still running when the test looks, whatever the machine's speed).
 */
public final class ControlledProcessors implements RecordProcessors {
    private final RecordProcessors service;
    private final Map<String, List<Object>> validated = new ConcurrentHashMap<>();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean held = new AtomicBoolean();
    private volatile long paceNanos;
    private volatile String holdDataType;
    private volatile Object holdKey;

    private ControlledProcessors(RecordProcessors service) {
        this.service = service;
    }

    /** Replaces the bean of a started service; exports open their data types with this one from now on. */
    public static ControlledProcessors bindTo(CamelContext camel) {
        RecordProcessors current = camel.getRegistry().lookupByNameAndType(BEAN, RecordProcessors.class);
        ControlledProcessors controlled = new ControlledProcessors(current);
        camel.getRegistry().unbind(BEAN);
        camel.getRegistry().bind(BEAN, RecordProcessors.class, controlled);
        return controlled;
    }

    /**
     * Holds the first export that validates the record with this key (null: any record of the data type),
     * before that record is validated, until {@link #release()}.
     */
    public ControlledProcessors holdAt(String dataType, Object key) {
        holdDataType = dataType;
        holdKey = key;
        return this;
    }

    /**
     * Makes every record's validation take at least this long: an export of a few thousand records then runs
     * for seconds, long enough for a test to do things to it while it runs (cut the store's connections).
     */
    public ControlledProcessors pace(Duration perRecord) {
        paceNanos = perRecord.toNanos();
        return this;
    }

    /** Waits until an export is held. */
    public void awaitHeld(Duration timeout) throws InterruptedException {
        if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no export reached the hold within " + timeout);
        }
    }

    /** Lets the held export go on (and every later one pass). */
    public void release() {
        released.countDown();
    }

    /**
     * Keys of the records of a data type validated so far, over every export and attempt: in order for
     * batches too small to split (fewer than 256 records); a larger batch's chunks are validated at once
     * ({@link RecordWorkers}), so their keys may interleave.
     */
    public List<Object> validatedKeys(String dataType) {
        List<Object> keys = validated.get(dataType);
        if (keys == null) {
            return List.of();
        }
        synchronized (keys) {
            return new ArrayList<>(keys);
        }
    }

    @Override
    public Validation validator(DataType type) {
        Validation validation = service.validator(type);
        List<Object> keys = validated.computeIfAbsent(type.name(), t -> new ArrayList<>());
        return (record, stats) -> {
            if (type.name().equals(holdDataType) && (holdKey == null || holdKey.equals(record.key()))
                    && held.compareAndSet(false, true)) {
                reached.countDown();
                awaitRelease();
            }
            synchronized (keys) {
                keys.add(record.key());
            }
            if (paceNanos > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(paceNanos);
            }
            validation.validate(record, stats);
        };
    }

    @Override
    public Transformation transformer(DataType type, boolean includeMetadata) {
        return service.transformer(type, includeMetadata);
    }

    private void awaitRelease() {
        try {
            if (!released.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the held export");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }
}
