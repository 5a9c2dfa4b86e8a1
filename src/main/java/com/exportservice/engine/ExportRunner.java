package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.output.DataFile;
import com.exportservice.record.RecordContext;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.source.BatchCursor;
import com.exportservice.source.DataTypePlan;
import com.exportservice.source.SourceReader;
import com.exportservice.status.DataTypeCheckpoint;
import com.exportservice.status.ExportState;
import com.exportservice.status.StatusTracker;
import com.exportservice.time.Timestamps;
import com.exportservice.transform.RecordTransformer;
import com.exportservice.validation.RecordValidator;
import com.exportservice.validation.ValidationStats;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The export's steps around its batches ({@code exportRunner}): start, plan, open and close each data
 * type, finish. Batches themselves go through {@link BatchSteps}. Resuming is the normal path: every
 * step starts from the checkpoints in the status, so a retried or restarted export continues where the
 * last finished batch left it.
 */
public final class ExportRunner {
    private final StatusTracker status;
    private final DataTypes dataTypes;
    private final SourceReader source;
    private final Executor readAhead;
    private final ExportFinalizer finalizer;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ZoneId sourceZone;

    public ExportRunner(StatusTracker status, DataTypes dataTypes, SourceReader source, Executor readAhead,
                        ExportFinalizer finalizer, ObjectMapper mapper, Clock clock, ZoneId sourceZone) {
        this.status = status;
        this.dataTypes = dataTypes;
        this.source = source;
        this.readAhead = readAhead;
        this.finalizer = finalizer;
        this.mapper = mapper;
        this.clock = clock;
        this.sourceZone = sourceZone;
    }

    /**
     * Takes a queued export: marks it running and puts its {@link ExportRun} in the exchange, or leaves
     * the property unset when it must not run (cancelled while it waited).
     */
    public void start(@Body String exportId, Exchange exchange) throws IOException {
        if (status.isShuttingDown() || !status.start(exportId)) {
            return;
        }
        ExportConfig config;
        try {
            config = ExportConfigParser.parse(mapper.readTree(status.configJson(exportId)), dataTypes);
        } catch (InvalidExportConfigException e) {
            exchange.setProperty(ExportProperties.EXPORT_RUN, new ExportRun(exportId, null, status.directory(exportId), null, List.of()));
            throw new ExportAbortedException("the request no longer fits the data type definitions: " + e.getMessage());
        }
        List<DataType> types = new ArrayList<>();
        for (String name : config.dataTypes()) {
            types.add(dataTypes.get(name).orElseThrow());
        }
        Path dir = status.directory(exportId);
        Files.createDirectories(dir);
        String startedAt = Timestamps.format(Instant.parse(status.status(exportId).startTime()));
        exchange.setProperty(ExportProperties.EXPORT_RUN, new ExportRun(exportId, config, dir, startedAt, types));
    }

    /** Plans every data type not planned yet: high-water mark and count, persisted before any batch. */
    public void plan(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws SQLException {
        for (DataTypeCheckpoint cp : status.checkpoints(run.exportId)) {
            if (!cp.planned()) {
                DataType type = dataTypes.get(cp.dataType()).orElseThrow();
                DataTypePlan plan = source.plan(type, run.config, source.parseKey(type, cp.startAfterKey()));
                status.planned(run.exportId, type.name(), plan.totalRecords(), plan.totalBatches(run.config.batchSize()),
                        plan.highWaterMark() == null ? null : String.valueOf(plan.highWaterMark()));
            }
        }
    }

    /**
     * Opens the next data type: its file cut back to the checkpoint (or started with its header), its
     * cursor after the checkpoint's key. A data type completed before (resumed export) is skipped.
     */
    public void openDataType(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run, Exchange exchange) throws IOException {
        DataType type = run.dataTypes.get(run.nextIndex++);
        DataTypeCheckpoint cp = checkpoint(run.exportId, type.name());
        exchange.setProperty(ExportProperties.DATA_TYPE, type.name());
        String fileName = type.name() + "." + run.config.outputFormat().extension();
        if (cp.status() == ExportState.COMPLETED) {
            run.current = null;
            exchange.setProperty(ExportProperties.MORE_BATCHES, false);
            return;
        }
        DataFile file = new DataFile(run.directory, fileName);
        // a file shorter than its checkpoint (writes lost in a crash) cannot be continued: the data type starts over
        boolean resumable = cp.bytes() > 0 && Files.exists(file.tempPath()) && Files.size(file.tempPath()) >= cp.bytes();
        status.dataTypeStarted(run.exportId, type.name());
        ValidationStats totals = resumable ? stats(cp.validationJson()) : new ValidationStats();
        RecordContext context = new RecordContext(type.name(), run.exportId, run.exportedAt, run.config.includeMetadata());
        DataTypeRun dt = new DataTypeRun(type, fileName, file,
                new BatchCursor(source, source.prepare(type, run.config, source.parseKey(type, cp.highWaterMark())), readAhead),
                new RecordValidator(type, clock, sourceZone), new RecordTransformer(type, sourceZone, run.config.includeMetadata()),
                totals, cp.highWaterMark(), context);
        dt.committedKey = source.parseKey(type, cp.startAfterKey());
        if (resumable) {
            if (cp.lastKey() != null) {
                dt.committedKey = source.parseKey(type, cp.lastKey());
            }
            dt.committedBytes = cp.bytes();
            dt.batches = cp.batches();
            dt.processed = cp.processedRecords();
            dt.written = cp.records();
            dt.invalid = cp.invalidRecords();
            dt.skipped = cp.skippedRecords();
        }
        dt.openAt(run.config.outputFormat(), context);
        if (dt.committedBytes == 0) {
            dt.writer.writeHeader();
            dt.writer.flush();
            dt.out.flush();
            dt.committedBytes = file.position();
        }
        run.current = dt;
        exchange.setProperty(ExportProperties.MORE_BATCHES, true);
    }

    /**
     * Ends the data type's file (footer, checksum; it keeps its temporary name until the export
     * completes), or stops the run when a cancel was asked for.
     */
    public void closeDataType(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws IOException {
        DataTypeRun dt = run.current;
        if (dt == null) {
            return;
        }
        run.current = null;
        if (run.stopped || status.isCancelRequested(run.exportId) || status.isShuttingDown()) {
            run.stop();
            dt.close();
            return;
        }
        dt.writer.writeFooter();
        dt.writer.flush();
        dt.close();
        Path part = dt.file.tempPath();
        long bytes = Files.size(part);
        status.dataTypeCompleted(run.exportId, dt.type.name(), dt.fileName, bytes, com.exportservice.output.Sha256.hex(part));
    }

    /** Completes the export (final names, report, manifest, zip), or records its cancellation. */
    public void finish(@ExchangeProperty(ExportProperties.EXPORT_RUN) ExportRun run) throws IOException {
        if (status.isShuttingDown() && run.stopped) {
            return; // stays running in the store: the next start resumes it
        }
        if (status.isCancelRequested(run.exportId)) {
            status.cancelled(run.exportId);
            return;
        }
        if (run.stopped) {
            return;
        }
        finalizer.complete(run, Instant.parse(status.status(run.exportId).createdTime()), status.checkpoints(run.exportId));
        status.completed(run.exportId);
    }

    private DataTypeCheckpoint checkpoint(String exportId, String dataType) {
        return status.checkpoints(exportId).stream().filter(c -> c.dataType().equals(dataType)).findFirst().orElseThrow();
    }

    private ValidationStats stats(String json) throws IOException {
        return json == null ? new ValidationStats() : ValidationStats.fromJson(mapper.readTree(json));
    }
}
