package com.exportservice.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UTC clock a test sets and moves on, for code that takes a {@link Clock}; it counts how often it is read
 * (for code that must not read it per record). Thread-safe.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;
    private final AtomicInteger readings = new AtomicInteger();

    public MutableClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** How often {@link #instant} (and so {@link #millis}) was called. */
    public int readings() {
        return readings.get();
    }

    @Override
    public Instant instant() {
        readings.incrementAndGet();
        return now;
    }
}
