package com.exportservice.submission;

import com.exportservice.config.DataTypes;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigJson;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.security.LogText;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.StatusTracker;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way an export starts, whatever the trigger (HTTP, inbox file, schedule, command line): checks
 * the request, records the export pending and hands its id to the engine's queue. A request that fails
 * its check or finds the queue full creates nothing.
 */
public final class ExportSubmission {
    /** The engine's queue: an asynchronous hand-off, consumed by at most max-concurrent-exports threads. */
    public static final String QUEUE = "seda:export-queue";
    private static final Logger LOG = LoggerFactory.getLogger(ExportSubmission.class);

    private final DataTypes dataTypes;
    private final StatusTracker status;
    private final Path outputRoot;
    private final DiskFloor diskFloor;
    private volatile Consumer<String> queue = id -> {
        throw new IllegalStateException("the engine's queue is not connected yet; export " + id + " stays pending");
    };

    /**
     * @param outputRoot the directory export directories go under unless a submission names another
     */
    public ExportSubmission(DataTypes dataTypes, StatusTracker status, Path outputRoot) {
        this(dataTypes, status, outputRoot, new DiskFloor(outputRoot, 0));
    }

    /** @param diskFloor the free space a new export or a retry needs in the output directory */
    public ExportSubmission(DataTypes dataTypes, StatusTracker status, Path outputRoot, DiskFloor diskFloor) {
        this.dataTypes = dataTypes;
        this.status = status;
        this.outputRoot = outputRoot;
        this.diskFloor = diskFloor;
    }

    /** Connects to the engine's queue once Camel runs ({@link #QUEUE} through a producer template). */
    public void connect(Consumer<String> queue) {
        this.queue = queue;
    }

    /** Checks a request and queues it; the returned status is {@code pending}. */
    public ExportStatus submit(JsonNode request, Trigger trigger) {
        return submit(request, trigger, outputRoot);
    }

    /**
     * As {@link #submit(JsonNode, Trigger)} for a caller that is known by name (HTTP).
     *
     * @param requestedBy the token's name, or {@code anonymous}
     */
    public ExportStatus submit(JsonNode request, Trigger trigger, String requestedBy) {
        return submit(request, trigger, null, requestedBy, outputRoot, Map.of());
    }

    /** As {@link #submit(JsonNode, Trigger)}, writing the export directory under {@code outputRoot}. */
    public ExportStatus submit(JsonNode request, Trigger trigger, Path outputRoot) {
        return submit(request, trigger, null, outputRoot, Map.of());
    }

    /**
     * Checks a schedule's request and queues it; an incremental schedule exports per data type only rows
     * whose key is above the given one (text form, as in the manifest's high_water_mark).
     */
    public ExportStatus submitScheduled(JsonNode request, String scheduleId, Map<String, String> startAfterKeys) {
        return submit(request, Trigger.SCHEDULE, scheduleId, outputRoot, startAfterKeys);
    }

    /**
     * Makes a failed or cancelled export pending again and queues it; it continues from its checkpoints.
     *
     * @throws RequestException 507 below the free-space floor
     */
    public ExportStatus retry(String exportId) {
        diskFloor.check();
        ExportStatus s = status.requestRetry(exportId);
        enqueue(exportId);
        return s;
    }

    /** Queues an export that is pending in the status (new, retried or recovered after a restart). */
    public void enqueue(String exportId) {
        queue.accept(exportId);
    }

    private ExportStatus submit(JsonNode request, Trigger trigger, String scheduleId, Path outputRoot,
                                Map<String, String> startAfterKeys) {
        return submit(request, trigger, scheduleId, StatusTracker.requestedBy(trigger.jsonName(), scheduleId), outputRoot,
                startAfterKeys);
    }

    private ExportStatus submit(JsonNode request, Trigger trigger, String scheduleId, String requestedBy, Path outputRoot,
                                Map<String, String> startAfterKeys) {
        ExportConfig config = ExportConfigParser.parse(request, dataTypes);
        diskFloor.check();
        String json = ExportConfigJson.toJson(config).toString();
        ExportStatus created = status.create(config.dataTypes(), config.name(), json, trigger.jsonName(), scheduleId,
                requestedBy, outputRoot, startAfterKeys);
        // the audit line, once per export: who, how, and what (the checked request holds no secret)
        LOG.info("export {} requested by {} (trigger {}): {}", created.exportId(), LogText.safe(requestedBy, 100),
                trigger.jsonName(), LogText.safe(json, 2000));
        enqueue(created.exportId());
        return created;
    }
}
