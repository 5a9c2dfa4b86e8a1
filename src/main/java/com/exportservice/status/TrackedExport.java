package com.exportservice.status;

import com.exportservice.time.Timestamps;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The mutable, persisted record of one export. Guarded by the owning {@link StatusTracker}'s lock. */
final class TrackedExport {
    final String id;
    final String name;
    final String trigger;
    final String scheduleId;
    final String configJson;
    final String requestedBy;
    final Path directory;
    final Instant createdTime;
    ExportState status = ExportState.PENDING;
    Instant startTime;
    Instant endTime;
    String errorMessage;
    /** Volatile: the engine reads it at every batch boundary without taking the export's lock (a save may hold it). */
    volatile boolean cancelRequested;
    /** 1 + retries and resumptions; persisted. */
    int attempts = 1;
    /** What the next start begins: {@code retry} (asked for) or {@code resume} (after a restart); memory only. */
    String nextAttemptKind = "resume";
    /** The current attempt's smoothed rate (memory only: a new attempt measures afresh). */
    final RateEstimate rate = new RateEstimate();
    /**
     * Runs started and not ended by this service in a controlled way (completed, failed, cancelled, or
     * stopped for a shutdown). Found above zero at start-up, the process died during that many runs in a row.
     */
    int openRuns;
    /** What the service changed about the export and why, one line each; empty normally. */
    java.util.List<String> warnings = java.util.List.of();
    /** When the retention policy deleted the export's directory, or null. */
    Instant expiredTime;
    final Map<String, TrackedDataType> dataTypes = new LinkedHashMap<>();
    /** From the request, read once: the history shows them without the whole config. */
    final String outputFormat;
    final boolean compression;
    /** In a cluster, the node that runs or ran it (persisted as owner_node); null on a single node. */
    String node;
    /**
     * The ownership epoch (fencing token) as this process read or claimed it: every save of the export is
     * conditional on the store still holding it, so a node that lost the export saves nothing more.
     */
    long epoch;
    /**
     * Another node took the export over (seen by this node's heartbeat): it stops before writing more. Volatile:
     * checked before every batch's write without taking the export's lock.
     */
    volatile boolean lost;

    TrackedExport(String id, String name, String trigger, String scheduleId, String configJson, String requestedBy,
                  Path directory, Instant createdTime) {
        this.id = id;
        this.name = name;
        this.trigger = trigger;
        this.scheduleId = scheduleId;
        this.configJson = configJson;
        this.requestedBy = requestedBy;
        this.directory = directory;
        this.createdTime = createdTime;
        OutputOptions output = OutputOptions.of(configJson);
        this.outputFormat = output.format();
        this.compression = output.compression();
    }

    ExportStatus snapshot(Instant now) {
        Map<String, Double> progress = new LinkedHashMap<>();
        Map<String, DataTypeStatus> perType = new LinkedHashMap<>();
        long batches = 0;
        long totalBatches = 0;
        long processed = 0;
        long total = 0;
        long bytes = 0;
        boolean running = status == ExportState.RUNNING;
        long remainingUpTo = 0;
        for (TrackedDataType t : dataTypes.values()) {
            remainingUpTo += t.remaining();
            Double eta = running && t.status != ExportState.COMPLETED ? rate.secondsFor(remainingUpTo) : null;
            DataTypeStatus s = t.snapshot(eta, running ? now : endTime);
            progress.put(t.dataType, s.progress());
            perType.put(t.dataType, s);
            batches += t.checkpoint.batches();
            totalBatches += t.totalBatches;
            processed += t.checkpoint.processed();
            total += t.totalRecords;
            bytes += t.checkpoint.fileBytes();
        }
        return new ExportStatus(id, status.jsonName(), progress, batches, totalBatches, processed, total,
                Timestamps.format(startTime), Timestamps.format(endTime), errorMessage, perType, trigger, name,
                Timestamps.format(createdTime), rate(processed, now), requestedBy, elapsedSeconds(now),
                running ? rate.secondsFor(remainingUpTo) : null, attempts, warnings, expiredTime != null,
                outputFormat, compression, bytes, node);
    }

    /** Records read so far over all data types. */
    long processed() {
        long n = 0;
        for (TrackedDataType t : dataTypes.values()) {
            n += t.checkpoint.processed();
        }
        return n;
    }

    private Double elapsedSeconds(Instant now) {
        if (startTime == null) {
            return null;
        }
        Instant until = endTime != null ? endTime : now;
        return Math.max(0, until.toEpochMilli() - startTime.toEpochMilli()) / 100 / 10.0;
    }

    private double rate(long processed, Instant now) {
        if (startTime == null) {
            return 0.0;
        }
        Instant until = endTime != null ? endTime : now;
        long millis = Math.max(1, until.toEpochMilli() - startTime.toEpochMilli());
        return Math.round(processed * 10_000.0 / millis) / 10.0;
    }
}
