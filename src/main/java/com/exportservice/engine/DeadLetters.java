package com.exportservice.engine;

import com.exportservice.security.UserMessages;
import com.exportservice.status.StatusTracker;
import com.exportservice.time.Timestamps;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The dead-letter channel's end ({@code deadLetters}): records the batch that could not be exported
 * (data type, key range, cause, attempts) in {@code dead-letters.jsonl} beside the export, and ends
 * the export {@code failed} with a message naming it. The export's checkpoints stay, so a retry
 * continues from the last good batch. Only this export is touched.
 */
public final class DeadLetters {
    public static final String FILE = "dead-letters.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final StatusTracker status;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DeadLetters(StatusTracker status, ObjectMapper mapper, Clock clock) {
        this.status = status;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A batch whose redeliveries are exhausted (transient errors that did not go away). */
    public void record(Exchange exchange) {
        fail(exchange, true);
    }

    /** An error no retry can mend ({@link ExportAbortedException}): the export fails at once. */
    public void abort(Exchange exchange) {
        fail(exchange, false);
    }

    private void fail(Exchange exchange, boolean exhausted) {
        String exportId = exchange.getProperty(ExportProperties.EXPORT_ID, String.class);
        ExportRun run = exchange.getProperty(ExportProperties.EXPORT_RUN, ExportRun.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String dataType = exchange.getProperty(ExportProperties.DATA_TYPE, String.class);
        String afterKey = exchange.getProperty(ExportProperties.BATCH_AFTER_KEY, String.class);
        Integer attempts = exchange.getProperty(ExportProperties.BATCH_ATTEMPTS, Integer.class);
        // the export's error_message is for users: no class names, no SQL; the dead-letter record keeps the cause
        String reason = diskFull(cause) && run != null
                ? "the output disk is full (no space left on the device of " + run.directory.getParent() + "); free space, then retry the export"
                : UserMessages.of(cause);
        String message;
        if (!exhausted) {
            message = reason;
        } else if (dataType != null) {
            message = "batch of " + dataType + " after key " + (afterKey == null ? "(start)" : afterKey)
                    + " failed after " + (attempts == null || attempts == 1 ? "1 attempt" : attempts + " attempts") + ": " + reason;
        } else {
            message = "export failed: " + reason;
        }
        if (run != null) {
            run.stop();
            if (exhausted) {
                writeRecord(run.directory, exportId, dataType, afterKey, run, attempts, cause);
            }
            run.closeCurrent();
        }
        if (status.isShuttingDown()) {
            // errors while the service stops (pools closing) are not the export's: it resumes on the next start
            LOG.info("export {} interrupted by shutdown ({}); it resumes on the next start", exportId, reason);
            suspendQuietly(exportId);
            return;
        }
        LOG.warn("export {} failed: {} (cause: {})", exportId, message, cause == null ? "unknown" : describe(cause));
        if (exportId != null) {
            status.failed(exportId, message);
        }
    }

    /** Whether the failure is a full disk (ENOSPC), wherever in the cause chain it shows. */
    static boolean diskFull(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** A stop for the shutdown is not a crash (the store may be closing already: then the next start counts one). */
    private void suspendQuietly(String exportId) {
        if (exportId == null) {
            return;
        }
        try {
            status.suspended(exportId);
        } catch (RuntimeException e) {
            LOG.debug("export {}: cannot record the stop for the shutdown: {}", exportId, e.getMessage());
        }
    }

    private void writeRecord(Path dir, String exportId, String dataType, String afterKey, ExportRun run,
                             Integer attempts, Throwable cause) {
        ObjectNode rec = mapper.createObjectNode();
        rec.put("time", Timestamps.format(clock.instant()));
        rec.put("export_id", exportId);
        rec.put("data_type", dataType);
        rec.put("after_key", afterKey);
        DataTypeRun dt = run.current;
        rec.put("high_water_mark", dt == null ? null : dt.highWaterMarkText);
        rec.put("batch_size", run.config == null ? null : run.batchSize);
        rec.put("attempts", attempts == null ? 1 : attempts);
        rec.put("cause", cause == null ? null : describe(cause));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(FILE), mapper.writeValueAsString(rec) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("cannot write the dead-letter record of export {}: {}", exportId, e.getMessage());
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }
}
