package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.output.DataFile;
import com.exportservice.output.RecordEncoder;
import com.exportservice.output.RecordWriter;
import com.exportservice.output.RecordWriters;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;
import com.exportservice.source.BatchCursor;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.PersistedCheckpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * One data type being exported: its open file, writer, cursor and processors, and the checkpoint of
 * its last committed batch. A batch moves that checkpoint only once it is written and flushed; a
 * redelivered batch starts from the committed one: the file is cut back to its bytes and read again
 * after its key.
 *
 * <p>The export's own run saves committed checkpoints through {@link CheckpointSaves}
 * ({@link #commitWritten}): a batch commits in memory and the next one reads after its key at once,
 * while the store is written on the {@code export-checkpoints} threads at most once per
 * {@link CheckpointSaves#INTERVAL}, and always for the data type's last batch and when the run stops
 * ({@link #close}). The file may thus be several batches ahead of the store; a crash loses only those
 * (the next run cuts the file back to the stored bytes and reads after the stored key), and a save that
 * failed takes the data type back to the last saved checkpoint, however many batches back, before the next
 * write: those batches are read and written again. A partition (cluster mode) commits checkpoints its
 * runner persisted ({@link #commit}).
 */
public final class DataTypeRun implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DataTypeRun.class);
    final DataType type;
    final String fileName;
    final DataFile file;
    final BatchCursor cursor;
    /** Per chunk slot ({@link RecordWorkers}): its own processors, each used by one thread at a time. */
    private final RecordProcessors.Validation[] validators;
    private final RecordProcessors.Transformation[] transformers;
    /** Per chunk slot when a batch is split, encoding its chunk for {@link #writer}; none with one slot. */
    private RecordEncoder[] encoders = new RecordEncoder[0];
    final String highWaterMarkText;
    private final RecordContext context;
    private final OutputFormat format;
    OutputStream out;
    RecordWriter writer;
    /** The writer may hold part of a batch that failed: the next batch reopens the file at the checkpoint. */
    boolean dirty;
    /** The batch {@link BatchSteps#validate} also transformed (identity), so that the transform step skips it. */
    com.exportservice.source.Batch transformed;
    /**
     * A partition's part file (cluster mode): records only, no header or footer, each written as if a record came
     * before it, so that the parts concatenated in key order make the data type's file ({@link com.exportservice.output.PartFiles}).
     */
    boolean part;
    /** The file is complete (footer written, closed); only the status remains to be told. */
    boolean footerWritten;
    private BatchCheckpoint committed;
    /** The last checkpoint the store is known to hold: {@link #committed}, or one before it not saved yet. */
    private BatchCheckpoint saved;
    /** The save under way (of {@link #committed} or one before it), or null. */
    private CompletableFuture<PersistedCheckpoint> saving;
    /** How committed checkpoints reach the store; null for a partition, whose runner persists each one. */
    private CheckpointSaves saves;
    /** When the last save started, and when the last batch committed (or the data type opened): {@link CheckpointSaves#now}. */
    private long saveStarted;
    private long lastCommit;
    /** How long each batch committed since the save under way's (or the last saved) checkpoint took. */
    private final List<Duration> unsavedDurations = new ArrayList<>();
    /** The last committed batch was the data type's last (no rows after it up to the high-water mark). */
    private boolean exhausted;

    /** A data type whose batches are processed in one piece, with these processors. */
    DataTypeRun(DataType type, String fileName, DataFile file, BatchCursor cursor, RecordProcessors.Validation validator,
                RecordProcessors.Transformation transformer, String highWaterMarkText, RecordContext context,
                OutputFormat format) {
        this(type, fileName, file, cursor, new RecordProcessors.Validation[] {validator},
                new RecordProcessors.Transformation[] {transformer}, highWaterMarkText, context, format);
    }

    /** A data type whose batches may be split into as many chunks as there are processors (one per slot). */
    DataTypeRun(DataType type, String fileName, DataFile file, BatchCursor cursor, RecordProcessors.Validation[] validators,
                RecordProcessors.Transformation[] transformers, String highWaterMarkText, RecordContext context,
                OutputFormat format) {
        if (validators.length == 0 || validators.length != transformers.length) {
            throw new IllegalArgumentException("one validator and one transformer per slot");
        }
        this.type = type;
        this.fileName = fileName;
        this.file = file;
        this.cursor = cursor;
        this.validators = validators.clone();
        this.transformers = transformers.clone();
        this.highWaterMarkText = highWaterMarkText;
        this.context = context;
        this.format = format;
    }

    /** How many chunks a batch may be split into. */
    int slots() {
        return validators.length;
    }

    RecordProcessors.Validation validator(int slot) {
        return validators[slot];
    }

    RecordProcessors.Transformation transformer(int slot) {
        return transformers[slot];
    }

    RecordEncoder encoder(int slot) {
        return encoders[slot];
    }

    /** Whether the last committed batch was the data type's (or the partition's) last. */
    boolean exhausted() {
        return exhausted;
    }

    /** The checkpoint of the last committed batch (or the one the data type was opened at). */
    BatchCheckpoint committed() {
        return committed;
    }

    /**
     * Opens the file at a starting checkpoint: a persisted one (resumed export), or a new file, which
     * gets its header (a checkpoint of no records that needs no persisting: a data type with no
     * persisted bytes starts over).
     */
    void openAt(BatchCheckpoint start) throws IOException {
        committed = start;
        reopen();
        if (start.fileBytes() == 0 && !part) {
            writer.writeHeader();
            writer.flush();
            out.flush();
            committed = start.withFileBytes(file.position());
        }
        saved = committed;
        if (saves != null) {
            saveStarted = saves.now();
            lastCommit = saveStarted;
        }
    }

    /** The export's own run: committed checkpoints saved through {@code saves} ({@link #commitWritten}); set before {@link #openAt}. */
    void saveThrough(CheckpointSaves saves) {
        this.saves = saves;
    }

    /** Opens the file at the committed bytes (cutting off a partial batch) with a writer continuing it. */
    void reopen() throws IOException {
        file.close();
        out = file.openForAppend(committed.fileBytes());
        writer = RecordWriters.create(format, type, context, out, committed.written() + (part ? 1 : 0));
        // fresh encoders too: one may have stopped in the middle of a record
        encoders = new RecordEncoder[validators.length > 1 ? validators.length : 0];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = RecordEncoder.create(format, type, context);
        }
        dirty = false;
    }

    /**
     * Applies a persisted checkpoint: from here on its batch counts and the next one reads after its key.
     *
     * @param last whether that batch was the data type's last
     */
    void commit(PersistedCheckpoint persisted, boolean last) {
        if (saving != null) {
            throw new IllegalStateException("a checkpoint of " + committed.dataType() + " is still being saved");
        }
        BatchCheckpoint next = persisted.checkpoint();
        check(next);
        committed = next;
        saved = next;
        exhausted = last;
    }

    /**
     * Commits a written batch: the next one reads after its key at once. Its checkpoint is saved now (on the
     * saving threads) when no save is under way and the last one started at least {@link CheckpointSaves#INTERVAL}
     * ago, else with a later batch's; the data type's last batch is saved and waited for here, so that its
     * failure redelivers that batch before the file is closed. A save found failed first takes the data type
     * back to the last saved checkpoint and throws, before this batch counts.
     *
     * @param last whether that batch was the data type's last
     */
    void commitWritten(BatchCheckpoint next, boolean last) {
        if (saves == null) {
            throw new IllegalStateException("the checkpoints of " + committed.dataType() + " are persisted by its runner");
        }
        check(next);
        CompletableFuture<PersistedCheckpoint> f = saving;
        if (f != null && f.isDone()) {
            awaitSave();
        }
        long now = saves.now();
        unsavedDurations.add(Duration.ofNanos(Math.max(0, now - lastCommit)));
        lastCommit = now;
        committed = next;
        exhausted = last;
        if (last) {
            saveCommitted();
        } else if (saving == null && saves.due(saveStarted, now)) {
            startSave(now);
        }
    }

    /**
     * Saves the committed checkpoint unless the store holds it already, and waits (the data type's last
     * batch, a run that stops). A failure takes the data type back to the last saved checkpoint and is thrown.
     */
    void saveCommitted() {
        awaitSave();
        if (saves != null && committed != saved) {
            startSave(saves.now());
            awaitSave();
        }
    }

    private void startSave(long now) {
        saveStarted = now;
        List<Duration> durations = List.copyOf(unsavedDurations);
        unsavedDurations.clear();
        saving = saves.start(committed, durations);
    }

    /**
     * Waits for the save under way, if any. When it failed, the data type goes back to the last saved
     * checkpoint (its file is cut back to it before the next write, the next batch reads after its key)
     * and the save's error is thrown: the batches that failed to be recorded are written again.
     */
    void awaitSave() {
        CompletableFuture<PersistedCheckpoint> f = saving;
        if (f == null) {
            return;
        }
        saving = null;
        try {
            saved = f.get().checkpoint();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rollBack();
            throw new IllegalStateException("interrupted while the checkpoint of " + committed.dataType() + " was saved", e);
        } catch (ExecutionException e) {
            rollBack();
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r; // StoreException, OwnershipLostException: the route's handlers know them
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void rollBack() {
        committed = saved;
        exhausted = false;
        dirty = true; // bytes past the saved checkpoint are cut off before the next write
        unsavedDurations.clear(); // those batches count when they are written again
    }

    private void check(BatchCheckpoint next) {
        if (!next.exportId().equals(committed.exportId()) || !next.dataType().equals(committed.dataType())) {
            throw new IllegalStateException("checkpoint of " + next.dataType() + " applied to " + committed.dataType());
        }
    }

    /**
     * The data type's batches, lazily: each range starts after the key committed when it is asked for,
     * so the sequence ends after the last batch, or when {@code stop} says so (cancel, shutdown, failure).
     * Asking again for the next range before the current batch commits gives the same answer: true,
     * unless stopped.
     */
    Iterator<BatchRange> ranges(BooleanSupplier stop) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !exhausted && !stop.getAsBoolean();
            }

            @Override
            public BatchRange next() {
                if (!hasNext()) {
                    throw new NoSuchElementException(type.name() + " has no more batches");
                }
                return new BatchRange(type.name(), committed.lastKey());
            }
        };
    }

    /**
     * Stops reading ahead, saves what was committed and not saved yet (a cancel, a failure or the shutdown
     * stops the run: its status and history then show every batch the file holds; a failed save only leaves
     * the store at the checkpoint before, which the next run cuts the file back to) and closes the file under
     * its temporary name (it can be resumed).
     */
    @Override
    public void close() throws IOException {
        close(true);
    }

    /**
     * As {@link #close()}; {@code save} false for a run that lost the export (cluster mode): it writes
     * nothing more to the store, and only waits for a save under way.
     */
    void close(boolean save) throws IOException {
        cursor.close();
        try {
            if (save) {
                saveCommitted();
            } else {
                awaitSave();
            }
        } catch (RuntimeException e) {
            LOG.debug("the last checkpoint of {} was not saved: {}",
                    type.name(), e.toString());
        }
        out = null;
        file.close();
    }
}
