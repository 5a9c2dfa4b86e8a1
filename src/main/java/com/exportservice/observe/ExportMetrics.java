package com.exportservice.observe;

import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.Progress;
import com.exportservice.status.StatusListener;
import com.exportservice.status.StatusTracker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own metrics, in the registry Camel serves at {@code /observe/metrics} (Prometheus names in
 * brackets): records written, invalid and skipped and bytes written per data type
 * ({@code exporter_records_written_total{data_type}}, {@code exporter_records_invalid_total},
 * {@code exporter_records_skipped_total}, {@code exporter_bytes_written_total}), exports by final status
 * ({@code exporter_exports_total{status}}), the time per batch ({@code exporter_batch_duration_seconds},
 * a histogram), and the exports waiting and running here ({@code exporter_exports_pending},
 * {@code exporter_exports_running}).
 * <p>
 * Counts come from persisted checkpoints ({@link StatusListener#progressed}), not from the write step: a
 * batch counts when the store holds it, and a batch redelivered after that adds nothing again.
 */
public final class ExportMetrics implements StatusListener {
    /** Batch durations are counted into these buckets (seconds). */
    static final List<Duration> BATCH_BUCKETS = List.of(Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final MeterRegistry registry;
    private final Map<String, DataTypeMeters> perDataType = new ConcurrentHashMap<>();

    public ExportMetrics(MeterRegistry registry, StatusTracker status) {
        this.registry = registry;
        Gauge.builder("exporter.exports.pending", status, s -> s.liveCount(ExportState.PENDING))
                .description("Exports waiting for a free slot (the queue's depth)").register(registry);
        Gauge.builder("exporter.exports.running", status, s -> s.liveCount(ExportState.RUNNING))
                .description("Exports running in this process").register(registry);
        // final statuses exist from the start, at 0: an alert on their rate needs a series to look at
        for (ExportState s : List.of(ExportState.COMPLETED, ExportState.FAILED, ExportState.CANCELLED)) {
            exports(s.jsonName());
        }
    }

    @Override
    public void statusChanged(ExportStatus status) {
        ExportState state = ExportState.fromName(status.status());
        if (state != null && state.isFinished()) {
            exports(status.status()).increment();
        }
    }

    @Override
    public void progressed(ExportStatus status, Progress p) {
        DataTypeMeters m = perDataType.computeIfAbsent(p.dataType(), this::meters);
        m.written.increment(p.records());
        m.invalid.increment(p.invalid());
        m.skipped.increment(p.skipped());
        m.bytes.increment(p.bytes());
        p.batchDurations().forEach(m.batchDuration::record); // a save may cover several batches
    }

    /** A data type's meters, registered once: a batch only counts (building a meter per batch cost as much as the rest of the status). */
    private record DataTypeMeters(Counter written, Counter invalid, Counter skipped, Counter bytes, Timer batchDuration) {
    }

    private DataTypeMeters meters(String t) {
        return new DataTypeMeters(
                counter("exporter.records.written", "Records written to export files, counted when their batch's checkpoint is persisted", t),
                counter("exporter.records.invalid", "Records that failed validation (written flagged, or skipped)", t),
                counter("exporter.records.skipped", "Invalid records left out (on_invalid: skip)", t),
                counter("exporter.bytes.written", "Bytes of export data files written", t),
                Timer.builder("exporter.batch.duration").description("Time per batch: read, validate, transform, write, checkpoint")
                        .tag("data_type", t).serviceLevelObjectives(BATCH_BUCKETS.toArray(Duration[]::new)).register(registry));
    }

    private Counter exports(String status) {
        return Counter.builder("exporter.exports").description("Exports that ended, by final status")
                .tag("status", status).register(registry);
    }

    private Counter counter(String name, String description, String dataType) {
        return Counter.builder(name).description(description).tag("data_type", dataType).register(registry);
    }
}
