package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.MemoryBudget;
import com.exportservice.output.DataFile;
import com.exportservice.output.EpochFiles;
import com.exportservice.record.RecordContext;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.source.BatchCursor;
import com.exportservice.source.DataTypePlan;
import com.exportservice.source.SourceReader;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.DataTypeCheckpoint;
import com.exportservice.status.ExportState;
import com.exportservice.status.StatusTracker;
import com.exportservice.time.Timestamps;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The export's steps around its batches ({@code exportRunner}): start, plan, open and close each data
 * type, finish. Batches themselves go through {@link BatchSteps}. Resuming is the normal path: every
 * step starts from the checkpoints in the status, so a retried or restarted export continues where the
 * last finished batch left it.
 */
public final class ExportRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExportRunner.class);
    private final StatusTracker status;
    private final DataTypes dataTypes;
    private final SourceReader source;
    private final Executor readAhead;
    private final ExportFinalizer finalizer;
    private final ObjectMapper mapper;
    private final MemoryBudget memory;
    /** How the export's data types save their checkpoints (not a partition's: its runner persists each batch). */
    private final CheckpointSaves saves;
    /** Chunks a batch may be split into ({@link RecordWorkers#slots()}): one set of processors each. */
    private final int recordSlots;
    /** Cluster mode: splits large data types over the nodes; null on a single node. */
    private PartitionRunner partitions;

    public ExportRunner(StatusTracker status, DataTypes dataTypes, SourceReader source, Executor readAhead,
                        ExportFinalizer finalizer, ObjectMapper mapper, MemoryBudget memory, int recordSlots, CheckpointSaves saves) {
        this.memory = memory;
        this.saves = saves;
        this.recordSlots = Math.max(1, recordSlots);
        this.status = status;
        this.dataTypes = dataTypes;
        this.source = source;
        this.readAhead = readAhead;
        this.finalizer = finalizer;
        this.mapper = mapper;
    }

    /**
     * Takes a queued export: marks it running and puts its {@link ExportRun} in the exchange, or leaves
     * the property unset when it must not run (cancelled while it waited).
     */
    public void start(@Body String exportId, Exchange exchange) throws IOException {
        if (status.isShuttingDown() || !status.start(exportId)) {
            return;
        }
        ExportRun run;
        try {
            run = newRun(exportId);
        } catch (InvalidExportConfigException e) {
            exchange.setProperty(ExportProperties.EXPORT_RUN, new ExportRun(exportId, null, status.directory(exportId), null, List.of(), 0));
            throw new ExportAbortedException("the request no longer fits the data type definitions: " + e.getMessage());
        }
        ExportConfig config = run.config;
        int batchSize = run.batchSize;
        List<String> warnings = batchSize < config.batchSize() ? List.of(memory.lowered(config.batchSize(), batchSize)) : List.of();
        status.warn(exportId, warnings);
        warnings.forEach(w -> LOG.warn("export {}: {}", exportId, w));
        run.ownership = () -> status.checkOwned(exportId);
        if (status.isClustered()) {
            run.fileTag = adoptFiles(run, status.epoch(exportId));
        }
        exchange.setProperty(ExportProperties.EXPORT_RUN, run);
    }

    /**
     * The context of a run of the export (its request read again from the store, its data types, directory,
     * start time and batch size), for the export's own run or a partition's.
     */
    ExportRun newRun(String exportId) throws IOException {
        ExportConfig config = ExportConfigParser.parse(mapper.readTree(status.configJson(exportId)), dataTypes);
        List<DataType> types = new ArrayList<>();
        for (String name : config.dataTypes()) {
            types.add(dataTypes.get(name).orElseThrow());
        }
        Path dir = status.directory(exportId);
        Files.createDirectories(dir);
        String startedAt = Timestamps.format(Instant.parse(status.status(exportId).startTime()));
        return new ExportRun(exportId, config, dir, startedAt, types, memory.batchSize(config.batchSize(), types));
    }

    /** Cluster mode: large data types split into partitions that several nodes export at once. */
    public void usePartitions(PartitionRunner partitions) {
        this.partitions = partitions;
    }

    /**
     * Cluster mode: this node's own copies of the committed bytes of every data file an earlier owner wrote
     * (a take-over), under names tagged with this node's epoch.
     */
    private String adoptFiles(ExportRun run, long epoch) throws IOException {
        for (DataTypeCheckpoint cp : status.checkpoints(run.exportId)) {
            String fileName = cp.fileName() != null ? cp.fileName() : run.fileName(cp.dataType());
            EpochFiles.adopt(run.directory, fileName, epoch, cp.checkpoint().fileBytes());
        }
        return EpochFiles.tag(epoch);
    }

    /**
     * The run stopped because this node lost the export (taken over by another node, or its lease ran out):
     * its file is closed as it is, and nothing more is saved for it here.
     */
    public void lost(Exchange exchange) {
        ExportRun run = exchange.getProperty(ExportProperties.EXPORT_RUN, ExportRun.class);
        String exportId = exchange.getProperty(ExportProperties.EXPORT_ID, String.class);
        if (run != null) {
            run.stop();
            run.closeCurrent(false); // saves nothing: the export is another node's
        }
        if (exportId != null) {
            status.lost(exportId);
        }
    }

    /** Plans every data type not planned yet: high-water mark and count, persisted before any batch. */
    public void plan(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws SQLException {
        for (DataTypeCheckpoint cp : status.checkpoints(run.exportId)) {
            if (!cp.planned()) {
                DataType type = dataTypes.get(cp.dataType()).orElseThrow();
                Object afterKey = source.parseKey(type, cp.startAfterKey());
                DataTypePlan plan = source.plan(type, run.config, afterKey);
                if (partitions != null) {
                    partitions.split(run, type, plan, afterKey);
                }
                status.planned(run.exportId, type.name(), plan.totalRecords(), plan.totalBatches(run.batchSize),
                        plan.highWaterMark() == null ? null : String.valueOf(plan.highWaterMark()));
            }
        }
        if (partitions != null) {
            partitions.claimSoon();
        }
    }

    /** The export's data types in request order, lazily: none after a cancel, a failure or at shutdown. */
    public Iterator<DataType> dataTypes(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) {
        return run.dataTypesToDo();
    }

    /**
     * Opens a data type: its file cut back to the checkpoint (or started with its header), its cursor
     * after the checkpoint's key, its validator and transformer from the {@link RecordProcessors} bean. A
     * data type completed before (resumed export) is left as it is.
     */
    public void openDataType(@Body DataType type, @ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run,
                             Exchange exchange) throws IOException {
        run.ownership.run();
        DataTypeCheckpoint cp = checkpoint(run.exportId, type.name());
        exchange.setProperty(ExportProperties.DATA_TYPE, type.name());
        run.current = null;
        if (cp.status() == ExportState.COMPLETED) {
            return;
        }
        String fileName = run.fileName(type.name());
        if (partitions != null && partitions.isPartitioned(run, type)) {
            // its partitions run on the nodes' partition workers; this run waits for them, then assembles the file
            status.dataTypeStarted(run.exportId, type.name());
            run.partitioned = type;
            return;
        }
        DataFile file = new DataFile(run.directory, fileName, run.fileTag);
        BatchCheckpoint persisted = cp.checkpoint();
        // a file shorter than its checkpoint (writes lost in a crash) cannot be continued: the data type starts over
        boolean resumable = persisted.fileBytes() > 0 && Files.exists(file.tempPath())
                && Files.size(file.tempPath()) >= persisted.fileBytes();
        BatchCheckpoint start = resumable
                ? persisted.withLastKey(source.parseKey(type, persisted.lastKeyText()))
                : BatchCheckpoint.start(run.exportId, type.name(), source.parseKey(type, cp.startAfterKey()), 0);
        status.dataTypeStarted(run.exportId, type.name());
        DataTypeRun dt = dataTypeRun(run, type, fileName, file, cp.highWaterMark(), exchange);
        run.current = dt;
        dt.saveThrough(saves);
        dt.openAt(start);
    }

    /**
     * A data type's run reading {@code (start, highWaterMarkText]} into {@code file}: its cursor, and its validators
     * and transformers from the {@link RecordProcessors} bean, one per record slot.
     */
    DataTypeRun dataTypeRun(ExportRun run, DataType type, String fileName, DataFile file, String highWaterMarkText,
                            Exchange exchange) {
        RecordProcessors processors = processors(exchange);
        boolean includeMetadata = run.config.includeMetadata();
        RecordProcessors.Validation[] validators = new RecordProcessors.Validation[recordSlots];
        RecordProcessors.Transformation[] transformers = new RecordProcessors.Transformation[recordSlots];
        for (int i = 0; i < recordSlots; i++) {
            validators[i] = processors.validator(type, includeMetadata);
            transformers[i] = processors.transformer(type, includeMetadata);
        }
        return new DataTypeRun(type, fileName, file,
                new BatchCursor(source, source.prepare(type, run.config, source.parseKey(type, highWaterMarkText)).withBatchSize(run.batchSize),
                        readAhead),
                validators, transformers, highWaterMarkText,
                new RecordContext(type.name(), run.exportId, run.exportedAt, run.config.includeMetadata()),
                run.config.outputFormat());
    }

    /**
     * The open data type's batch key ranges, lazily: each starts after the last committed key; none after
     * the last batch, a cancel request, a failure or at shutdown.
     */
    public Iterator<BatchRange> batchRanges(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) {
        DataTypeRun dt = run.current;
        if (dt == null) {
            return Collections.emptyIterator();
        }
        return dt.ranges(() -> run.stopped || status.isCancelRequested(run.exportId) || status.isShuttingDown());
    }

    /**
     * Ends the data type's file (footer, checksum; it keeps its temporary name until the export
     * completes), or stops the run when a cancel was asked for.
     */
    public void closeDataType(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws IOException {
        if (run.partitioned != null) {
            DataType type = run.partitioned;
            partitions.awaitAndAssemble(run, type);
            run.partitioned = null;
            return;
        }
        DataTypeRun dt = run.current;
        if (dt == null) {
            return;
        }
        if (run.stopped || status.isCancelRequested(run.exportId) || status.isShuttingDown()) {
            run.current = null;
            run.stop();
            dt.close();
            return;
        }
        // redelivered when the store could not record it: the footer is written once
        if (!dt.footerWritten) {
            run.ownership.run();
            dt.writer.writeFooter();
            dt.writer.flush();
            dt.close();
            dt.footerWritten = true;
        }
        Path part = dt.file.tempPath();
        long bytes = Files.size(part);
        status.dataTypeCompleted(run.exportId, dt.type.name(), dt.fileName, bytes, com.exportservice.output.Sha256.hex(part));
        run.current = null;
    }

    /**
     * Ends the run: records a cancellation, leaves an export stopped by a failure or the shutdown as it
     * is (null), or, for an export whose data types are all written, gives the data files their final
     * names and writes the report and the manifest. Returns then the files to pack into the zip (none
     * without compression).
     */
    public List<File> finish(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws IOException {
        if (status.isShuttingDown() && run.stopped) {
            status.suspended(run.exportId); // stays running in the store: the next start resumes it
            return null;
        }
        if (status.isCancelRequested(run.exportId)) {
            status.cancelled(run.exportId);
            return null;
        }
        if (run.stopped) {
            return null;
        }
        run.ownership.run();
        return finalizer.complete(run, Instant.parse(status.status(run.exportId).createdTime()), status.checkpoints(run.exportId));
    }

    /** The export is complete: its zip (with compression) gets its final name, and the status says so. */
    public void completed(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws IOException {
        run.ownership.run();
        if (run.config.compression()) {
            finalizer.packed(run, status.checkpoints(run.exportId));
        }
        status.completed(run.exportId);
    }

    private DataTypeCheckpoint checkpoint(String exportId, String dataType) {
        return status.checkpoints(exportId).stream().filter(c -> c.dataType().equals(dataType)).findFirst().orElseThrow();
    }

    /** The processors bean, looked up when a data type opens so that a test can bind another one. */
    private static RecordProcessors processors(Exchange exchange) {
        RecordProcessors p = exchange.getContext().getRegistry().lookupByNameAndType(RecordProcessors.BEAN, RecordProcessors.class);
        if (p == null) {
            throw new IllegalStateException("no bean '" + RecordProcessors.BEAN + "' in the Camel registry");
        }
        return p;
    }
}
