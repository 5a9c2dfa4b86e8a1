package com.exportservice.output;

import com.exportservice.config.DataType;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes a run of records into memory exactly as the file's {@link RecordWriter} would write them at
 * that place in the file, so that several threads can encode parts of a batch at once and the file's
 * writer then {@linkplain RecordWriter#append appends} them in order. One per thread at a time; reused
 * from run to run (its buffer grows to the largest run and stays).
 */
public final class RecordEncoder {
    /** Pieces a run is copied out in: well below the data file's 64 KB buffer. */
    private static final int PIECE = 16 * 1024;
    private final Bytes bytes;
    private final ContinuableWriter writer;
    private int records;

    private RecordEncoder(Bytes bytes, ContinuableWriter writer) {
        this.bytes = bytes;
        this.writer = writer;
    }

    /** An encoder for the files of this format, data type and context. */
    public static RecordEncoder create(OutputFormat format, DataType type, RecordContext context) throws IOException {
        Bytes bytes = new Bytes();
        return new RecordEncoder(bytes, RecordWriters.writer(format, type, context, bytes, 0));
    }

    /** Starts a run that follows {@code recordsBefore} records of the file; forgets the previous run. */
    public void begin(long recordsBefore) {
        bytes.reset();
        records = 0;
        writer.continueAfter(recordsBefore);
    }

    /** Encodes one record (its values already transformed) after those of the run so far. */
    public void write(ExportRecord record) throws IOException {
        writer.write(record);
        records++;
    }

    /** Ends the run: everything encoded is in the buffer. */
    public void end() throws IOException {
        writer.flush();
    }

    /** Records in the run. */
    int records() {
        return records;
    }

    /**
     * Copies the run's bytes to {@code out} in pieces of {@value #PIECE} bytes: the data file's stream
     * copies a small write into its own direct buffer, where a large one would go to the channel as a
     * heap buffer, for which the JDK allocates and frees a temporary direct buffer of its size, growing
     * the process's native memory (malloc keeps what it freed).
     */
    void writeTo(OutputStream out) throws IOException {
        byte[] b = bytes.buffer();
        int n = bytes.size();
        for (int off = 0; off < n; off += PIECE) {
            out.write(b, off, Math.min(PIECE, n - off));
        }
    }

    /** A growable byte array whose bytes are read without the copy ByteArrayOutputStream.toByteArray makes. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(64 * 1024);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
