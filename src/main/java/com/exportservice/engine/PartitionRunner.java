package com.exportservice.engine;

import com.exportservice.config.ClusterSettings;
import com.exportservice.config.DataType;
import com.exportservice.output.DataFile;
import com.exportservice.output.EpochFiles;
import com.exportservice.output.PartFiles;
import com.exportservice.record.RecordContext;
import com.exportservice.source.DataTypePlan;
import com.exportservice.source.KeySplit;
import com.exportservice.source.SourceReader;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.Partition;
import com.exportservice.status.Partitions;
import com.exportservice.status.PersistedCheckpoint;
import com.exportservice.status.StatusTracker;
import com.exportservice.validation.ValidationStats;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * One big export on many nodes (cluster mode, {@code partitionRunner}, docs/cluster.md): a data type planned
 * with more rows than {@code exporter.cluster.partition-rows} is split into contiguous key ranges of about equal
 * rows, each a claimable {@link Partition} in the store. Every node has one partition worker (route
 * {@code export-partition}) that claims a partition, exports its range through the engine's own batch steps into
 * a part file with checkpoints of its own, and commits it. The export's owner waits for its partitions, keeps the
 * data type's progress as their sum, and assembles the data type's file from the parts in key order.
 */
public final class PartitionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionRunner.class);
    /** The partition worker's queue (route {@code export-partition}). */
    public static final String QUEUE = "seda:export-partition";
    /** How often the export's owner looks at its partitions while it waits (progress, completion). */
    private static final Duration POLL = Duration.ofMillis(250);

    private final StatusTracker status;
    private final SourceReader source;
    private final ExportRunner runner;
    private final Partitions partitions;
    private final ClusterSettings settings;
    private final IntSupplier liveNodes;
    /** This node's partition worker runs a partition (claimed, queued or running). */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Null until connected: a node that claims no work (the one-shot command) runs no partition either. */
    private volatile Consumer<Partition> queue;

    public PartitionRunner(StatusTracker status, SourceReader source, ExportRunner runner, Partitions partitions,
                           ClusterSettings settings, IntSupplier liveNodes) {
        this.status = status;
        this.source = source;
        this.runner = runner;
        this.partitions = partitions;
        this.settings = settings;
        this.liveNodes = liveNodes;
    }

    /** Where claimed partitions go: this node's partition worker. */
    public void connect(Consumer<Partition> queue) {
        this.queue = queue;
    }

    // ---- the export's owner ----

    /**
     * Splits a data type being planned into partitions when it is large enough and there is more than one
     * node (or {@code exporter.cluster.partitions} asks for a fixed count); a plan redone keeps its first split.
     */
    void split(ExportRun run, DataType type, DataTypePlan plan, Object afterKey) throws SQLException {
        int parts = settings.partitions() > 0 ? settings.partitions() : liveNodes.getAsInt();
        if (settings.partitionRows() <= 0 || plan.totalRecords() <= settings.partitionRows() || parts < 2
                || plan.highWaterMark() == null) {
            LOG.debug("export {}: {} not split ({} rows, exporter.cluster.partition-rows {}, {} partitions)", run.exportId, type.name(),
                    plan.totalRecords(), settings.partitionRows(), parts);
            return;
        }
        run.ownership.run();
        List<Object> lastKeys = source.splitKeys(type, run.config, afterKey, plan.highWaterMark(), plan.totalRecords(), parts);
        List<String> bounds = KeySplit.bounds(afterKey, lastKeys, plan.highWaterMark());
        if (bounds.size() >= 3) {
            partitions.create(run.exportId, type.name(), bounds);
            LOG.info("export {}: {} ({} rows) split into {} partitions", run.exportId, type.name(), plan.totalRecords(), bounds.size() - 1);
        }
    }

    /** After a split on this node: its own worker claims one at once (the other nodes at their next beat). */
    void claimSoon() {
        try {
            claimNext();
        } catch (RuntimeException e) {
            LOG.debug("claiming a partition after the split failed; the next beat claims: {}", e.getMessage());
        }
    }

    /** Whether the data type was split into partitions; failed ones (an export retried) are claimable again. */
    boolean isPartitioned(ExportRun run, DataType type) {
        if (partitions.list(run.exportId, type.name()).isEmpty()) {
            return false;
        }
        partitions.retryFailed(run.exportId, type.name());
        return true;
    }

    /**
     * Waits until every partition of the data type is committed, keeping the data type's checkpoint the sum of
     * theirs (its progress in the status and the events), then assembles the data type's file from the parts in
     * key order and records it complete. Returns early, the run stopped, on a cancel or the shutdown.
     *
     * @throws ExportAbortedException when a partition failed for good
     */
    void awaitAndAssemble(ExportRun run, DataType type) throws IOException {
        BatchCheckpoint shown = null;
        List<Partition> parts;
        while (true) {
            run.ownership.run();
            if (run.stopped || status.isCancelRequested(run.exportId) || status.isShuttingDown()) {
                run.stop();
                return;
            }
            parts = partitions.list(run.exportId, type.name());
            BatchCheckpoint sum = sum(run.exportId, type.name(), parts);
            if (shown == null || sum.processed() != shown.processed() || sum.fileBytes() != shown.fileBytes()
                    || sum.batches() != shown.batches()) {
                status.persist(sum);
                shown = sum;
            }
            for (Partition p : parts) {
                if (Partition.FAILED.equals(p.status())) {
                    throw new ExportAbortedException("partition " + p.number() + " of " + type.name() + " failed: " + p.error());
                }
            }
            if (parts.stream().allMatch(p -> Partition.COMMITTED.equals(p.status()))) {
                break;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.stop();
                return;
            }
        }
        String fileName = run.fileName(type.name());
        DataFile file = new DataFile(run.directory, fileName, run.fileTag);
        List<PartFiles.Part> files = new ArrayList<>();
        for (Partition p : parts) {
            files.add(new PartFiles.Part(PartFiles.partFile(run.directory, fileName, p.number(), EpochFiles.tag(p.epoch())),
                    p.checkpoint().fileBytes()));
        }
        run.ownership.run();
        PartFiles.assemble(file, run.config.outputFormat(), type,
                new RecordContext(type.name(), run.exportId, run.exportedAt, run.config.includeMetadata()), files, shown.written());
        Path assembled = file.tempPath();
        status.dataTypeCompleted(run.exportId, type.name(), fileName, Files.size(assembled),
                com.exportservice.output.Sha256.hex(assembled));
        for (PartFiles.Part part : files) {
            Files.deleteIfExists(part.file());
        }
        LOG.info("export {}: {} assembled from {} partitions", run.exportId, type.name(), parts.size());
    }

    /** The data type's checkpoint as the sum of its partitions' (no last key: each partition has its own). */
    static BatchCheckpoint sum(String exportId, String dataType, List<Partition> parts) {
        long batches = 0;
        long processed = 0;
        long written = 0;
        long invalid = 0;
        long bytes = 0;
        ValidationStats validation = null;
        for (Partition p : parts) {
            BatchCheckpoint cp = p.checkpoint();
            batches += cp.batches();
            processed += cp.processed();
            written += cp.written();
            invalid += cp.invalid();
            bytes += cp.fileBytes();
            ValidationStats v = cp.validation();
            if (v != null) {
                if (validation == null) {
                    validation = new ValidationStats();
                }
                validation.merge(v);
            }
        }
        return new BatchCheckpoint(exportId, dataType, null, batches, processed, written, invalid, bytes, validation);
    }

    // ---- this node's partition worker ----

    /** Claims one partition for this node's worker if it is free (each beat, and when it finishes one). */
    public void claimNext() {
        Consumer<Partition> worker = queue;
        if (worker == null || status.isShuttingDown() || !busy.compareAndSet(false, true)) {
            return;
        }
        Optional<Partition> claimed;
        try {
            claimed = partitions.claim(settings.lease().toMillis());
        } catch (RuntimeException e) {
            busy.set(false);
            throw e;
        }
        if (claimed.isEmpty()) {
            busy.set(false);
            return;
        }
        Partition p = claimed.get();
        LOG.info("partition {} claimed (epoch {}, after key {}, to key {})", p.label(), p.epoch(), p.afterKey(), p.toKey());
        try {
            worker.accept(p);
        } catch (RuntimeException e) {
            busy.set(false);
            partitions.release(p);
            throw e;
        }
    }

    /**
     * Opens a claimed partition (body): the run of its export (request, directory, start time from the store), its
     * part file tagged with the claim's epoch (an earlier owner's committed bytes copied into it), its cursor after
     * its checkpoint's key up to its last key.
     */
    public void open(@Body Partition p, Exchange exchange) throws IOException {
        exchange.setProperty(ExportProperties.PARTITION, p);
        if (status.isShuttingDown()) {
            partitions.release(p);
            busy.set(false);
            return;
        }
        ExportRun run = runner.newRun(p.exportId());
        run.partition = p;
        run.fileTag = EpochFiles.tag(p.epoch());
        run.ownership = () -> partitions.checkOwned(p);
        exchange.setProperty(ExportProperties.EXPORT_RUN, run);
        DataType type = run.dataTypes.stream().filter(t -> t.name().equals(p.dataType())).findFirst()
                .orElseThrow(() -> new ExportAbortedException("the request no longer has data type " + p.dataType()));
        String fileName = run.fileName(type.name());
        String partName = PartFiles.partName(fileName, p.number());
        BatchCheckpoint persisted = p.checkpoint();
        boolean held = EpochFiles.adopt(run.directory, partName, p.epoch(), persisted.fileBytes());
        DataFile file = new DataFile(run.directory, partName, run.fileTag);
        BatchCheckpoint start = held && persisted.fileBytes() > 0
                ? persisted.withLastKey(source.parseKey(type, persisted.lastKeyText()))
                : BatchCheckpoint.start(p.exportId(), p.dataType(), source.parseKey(type, p.afterKey()), 0);
        if (start.processed() > 0) {
            LOG.info("partition {}: resuming after key {} ({} records committed before)", p.label(), start.lastKeyText(), start.processed());
        }
        DataTypeRun dt = runner.dataTypeRun(run, type, fileName, file, p.toKey(), exchange);
        dt.part = true;
        run.current = dt;
        dt.openAt(start);
    }

    /** Persists a partition batch's checkpoint, conditional on the claim's epoch (the fencing rule). */
    public PersistedCheckpoint persist(@Body BatchCheckpoint checkpoint, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) {
        return partitions.persist(run.partition, checkpoint);
    }

    /**
     * Ends a partition run: its last batch committed, the part file is complete and the partition committed;
     * stopped before (shutdown, cancel), it is given up for any node to continue from its checkpoint. Then this
     * worker claims the next one.
     */
    public void close(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws IOException {
        DataTypeRun dt = run.current;
        run.current = null;
        try {
            if (dt == null) {
                return;
            }
            if (run.stopped || status.isShuttingDown() || !dt.exhausted()) {
                dt.close();
                partitions.release(run.partition);
                return;
            }
            run.ownership.run();
            dt.writer.flush();
            dt.file.sync();
            dt.close();
            partitions.committed(run.partition);
            LOG.info("partition {} committed: {} records", run.partition.label(), dt.committed().written());
        } finally {
            busy.set(false);
        }
        claimNext();
    }

    /** The partition was lost (taken over, its export no longer runs, this node's lease ran out): nothing more is saved. */
    public void lost(Exchange exchange) {
        ended(exchange, null);
    }

    /** The partition failed for good: the export's owner fails the export with its message. */
    public void failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ended(exchange, e == null ? "failed" : String.valueOf(e.getMessage()));
    }

    private void ended(Exchange exchange, String failure) {
        Partition p = exchange.getProperty(ExportProperties.PARTITION, Partition.class);
        ExportRun run = exchange.getProperty(ExportProperties.EXPORT_RUN, ExportRun.class);
        try {
            if (run != null) {
                run.stop();
                run.closeCurrent();
            }
            if (p != null) {
                if (failure == null) {
                    LOG.warn("partition {}: this node lost it; it writes nothing more for it", p.label());
                    partitions.release(p);
                } else {
                    LOG.warn("partition {} failed: {}", p.label(), failure);
                    partitions.failed(p, failure);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("partition {}: cannot record its end ({}); its claim runs out with this node's lease", p == null ? "?" : p.label(),
                    e.getMessage());
        } finally {
            busy.set(false);
        }
    }
}
