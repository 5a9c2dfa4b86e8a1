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
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One data type being exported: its open file, writer, cursor and processors, and the checkpoint of
 * its last committed batch. A batch moves that checkpoint only once its own is persisted
 * ({@link #commit}), so a redelivered batch starts from the same place: the file is cut back to the
 * checkpoint's bytes and read again after its key.
 *
 * <p>A batch's checkpoint may also be saved while the next batch is read and processed
 * ({@link #commitWhileSaving}): the next batch continues from it at once, but writes no byte before
 * the save succeeded ({@link #awaitSave}); a save that failed takes the data type back to the last saved
 * checkpoint, so that batch is written again. The file is then never more than one batch ahead of
 * the store, as with a save before the next batch.
 *
 * <p>With {@link #appendsWhileSaving} (the engine's route) a split batch's bytes go to the file on the
 * saving thread too, first in the same task ({@link #stageAppend}): the kernel's copy of a batch into the
 * file was a fifth of the export's thread's time, and the only part of a batch no other thread could
 * take (bench/README.md, "Where the two cores idled"). The save still follows the flush, and the next
 * batch's write still waits for both: the file is never more than one batch ahead of the store.
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
    /**
     * The other set of encoders, with {@link #appendsWhileSaving}: the last batch's, whose bytes the saving
     * thread may still be appending while the next batch is encoded into {@link #encoders}.
     */
    private RecordEncoder[] spare;
    /** An encode pass began and did not end: an encoder may have stopped in the middle of a record. */
    private boolean encoding;
    /** The batch {@link BatchSteps#validate} also encoded (identity) into {@link #encoders}, or null. */
    com.exportservice.source.Batch encoded;
    /** For {@link #encoded}: the records each chunk's encoder was told came before it in the file. */
    long[] encodedAfter;
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
    /**
     * A split batch's encoded bytes are appended and flushed by the task that saves its checkpoint, not by
     * the write step (the engine's route, whose checkpoint step saves on another thread); otherwise, and
     * for a part file, whose checkpoint is saved right after the write, the write step appends them.
     */
    boolean appendsWhileSaving;
    /** The write step's encoded batch, to append before its checkpoint is saved; null: nothing waiting. */
    private StagedAppend staged;
    /** Counts the bytes of encoded chunks (an encoder tells no size): a writer over a stream that only counts. */
    private RecordWriter byteCounter;
    private final CountingStream counted = new CountingStream();
    /** The file is complete (footer written, closed); only the status remains to be told. */
    boolean footerWritten;
    private BatchCheckpoint committed;
    /** The last checkpoint the store is known to hold: {@link #committed} unless a save is under way. */
    private BatchCheckpoint saved;
    /** The save of {@link #committed} under way, or null. */
    private CompletableFuture<PersistedCheckpoint> saving;
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

    /** Starts an encode pass into {@link #encoders}: fresh ones when the last pass did not end. */
    void startEncoding() throws IOException {
        if (encoding) {
            encoders = newEncoders();
        }
        encoding = true;
    }

    /** The encode pass ended: every chunk's encoder is between records. */
    void encodingDone() {
        encoding = false;
    }

    /**
     * The records the file holds at the committed checkpoint, as its writer counts them (a part file's
     * records are written as if one came before): where the next batch's records go.
     */
    long recordsCommitted() {
        return committed.written() + (part ? 1 : 0);
    }

    private RecordEncoder[] newEncoders() throws IOException {
        RecordEncoder[] set = new RecordEncoder[validators.length > 1 ? validators.length : 0];
        for (int i = 0; i < set.length; i++) {
            set[i] = RecordEncoder.create(format, type, context);
        }
        return set;
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
        encoders = newEncoders();
        reopen();
        if (start.fileBytes() == 0 && !part) {
            writer.writeHeader();
            writer.flush();
            out.flush();
            committed = start.withFileBytes(file.position());
        }
        saved = committed;
    }

    /** Opens the file at the committed bytes (cutting off a partial batch) with a writer continuing it. */
    void reopen() throws IOException {
        file.close();
        out = file.openForAppend(committed.fileBytes());
        writer = RecordWriters.create(format, type, context, out, recordsCommitted());
        // the encoders are kept: a batch encoded before its write is still this batch (an encoder that
        // stopped in the middle of a record is renewed by the next pass, startEncoding)
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
     * Commits a written batch while {@code save} persists its checkpoint on {@code saver}: the next batch
     * reads after its key at once, and {@link #awaitSave} must succeed before that batch writes a byte.
     *
     * @param last whether that batch was the data type's last
     */
    void commitWhileSaving(BatchCheckpoint next, boolean last, Supplier<PersistedCheckpoint> save, Executor saver) {
        if (saving != null) {
            throw new IllegalStateException("a checkpoint of " + committed.dataType() + " is still being saved");
        }
        check(next);
        StagedAppend append = staged;
        staged = null;
        saving = CompletableFuture.supplyAsync(() -> {
            if (append != null) {
                append.run();
            }
            return save.get();
        }, saver);
        committed = next;
        exhausted = last;
    }

    /**
     * Waits for the save under way, if any. When it failed, the data type goes back to the last saved
     * checkpoint (its file is cut back to it before the next write, the next batch reads after its key)
     * and the save's error is thrown: the batch that failed to be recorded is written again.
     */
    void awaitSave() {
        CompletableFuture<PersistedCheckpoint> f = saving;
        if (f == null) {
            return;
        }
        saving = null;
        try {
            saved = f.get().checkpoint();
            dirty = false; // a staged append is in the file, flushed, up to the saved checkpoint
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

    /**
     * Leaves the first {@code chunks} encoders' bytes to be appended and flushed by the task that saves the
     * batch's checkpoint ({@link #commitWhileSaving}), on the saving thread, and returns the file's size
     * after them. The file is marked dirty until that task succeeded: a batch whose checkpoint step never
     * came drops them ({@link #dropStaged}), and the next write cuts the file back to the checkpoint.
     */
    long stageAppend(int chunks) throws IOException {
        if (byteCounter == null) {
            byteCounter = RecordWriters.create(format, type, context, counted, 1);
        }
        counted.bytes = 0;
        for (int c = 0; c < chunks; c++) {
            byteCounter.append(encoders[c]);
        }
        byteCounter.flush();
        long expected = file.position() + counted.bytes;
        RecordEncoder[] batch = encoders;
        // the next batch is encoded into the other set while the saving thread appends this one
        encoders = spare != null ? spare : newEncoders();
        spare = batch;
        dirty = true;
        staged = () -> {
            for (int c = 0; c < chunks; c++) {
                writer.append(batch[c]);
            }
            writer.flush();
            out.flush();
            if (file.position() != expected) {
                throw new IllegalStateException("the file of " + type.name() + " holds " + file.position()
                        + " bytes after the batch, not the " + expected + " its checkpoint says");
            }
        };
        return expected;
    }

    /** Drops an append the batch's checkpoint step did not take (it failed before): its bytes are not written. */
    void dropStaged() {
        staged = null;
    }

    private void rollBack() {
        committed = saved;
        exhausted = false;
        dirty = true; // bytes past the saved checkpoint are cut off before the next write
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
     * Stops reading ahead, waits for a checkpoint save under way (so that nothing is saved for the run
     * after it ended; its failure only leaves the store at the checkpoint before) and closes the file
     * under its temporary name (it can be resumed).
     */
    @Override
    public void close() throws IOException {
        cursor.close();
        staged = null;
        try {
            awaitSave();
        } catch (RuntimeException e) {
            LOG.debug("the last checkpoint of {} was not saved: {}",
                    type.name(), e.toString());
        }
        out = null;
        file.close();
    }

    /** An append of encoded bytes left for the saving thread. */
    @FunctionalInterface
    private interface StagedAppend {
        void append() throws IOException;

        default void run() {
            try {
                append();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Counts what is written to it, keeps nothing. */
    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
