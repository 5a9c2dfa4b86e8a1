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
    private final ByteArrayOutputStream bytes;
    private final ContinuableWriter writer;
    private int records;

    private RecordEncoder(ByteArrayOutputStream bytes, ContinuableWriter writer) {
        this.bytes = bytes;
        this.writer = writer;
    }

    /** An encoder for the files of this format, data type and context. */
    public static RecordEncoder create(OutputFormat format, DataType type, RecordContext context) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
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

    /** Copies the run's bytes to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        bytes.writeTo(out);
    }
}
