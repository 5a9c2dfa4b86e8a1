package com.exportservice.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps of the demo rows: spread over the 30 days before the anchor, strictly increasing with
 * the id, with microseconds (so millisecond truncation shows). Stored as UTC in columns without zone.
 */
final class DemoTimeline {
    static final Duration SPAN = Duration.ofDays(30);
    /** How far ahead the "future" imperfection lies: far enough to stay in the future for a long time. */
    static final Duration FUTURE = Duration.ofDays(365);

    private final long startMicros;
    private final long stepMicros;
    private final Instant anchor;

    DemoTimeline(Instant anchor, int rows) {
        this.anchor = anchor;
        long anchorMicros = Math.addExact(Math.multiplyExact(anchor.getEpochSecond(), 1_000_000L), anchor.getNano() / 1000);
        long span = SPAN.toSeconds() * 1_000_000L;
        this.startMicros = anchorMicros - span;
        this.stepMicros = Math.max(1, span / Math.max(1, rows));
    }

    /** The timestamp of row {@code id}: start + (id-1)·step + jitter below one step, so ids order time. */
    LocalDateTime at(long id, long hash) {
        long micros = startMicros + (id - 1) * stepMicros + Long.remainderUnsigned(hash, stepMicros);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000,
                ZoneOffset.UTC);
    }

    /** A timestamp a year after the anchor, distinct per id. */
    LocalDateTime future(long id) {
        return LocalDateTime.ofInstant(anchor.plus(FUTURE).plusSeconds(id), ZoneOffset.UTC);
    }
}
