package com.exportservice.output;

import com.exportservice.record.ExportRecord;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes the records of one data type into one data file, in one of the output formats (contract
 * section 5). A file is appended batch by batch, possibly by several writers in turn (after a retry
 * or a restart the file is truncated back to its last checkpoint and a new writer continues), so a
 * writer's state follows only from the number of records already in the file.
 *
 * <p>Call order for one writer: {@link #writeHeader()} only when the file is new (empty: zero bytes,
 * not merely zero records), then {@link #write} per record, {@link #flush()} before each
 * checkpoint, {@link #writeFooter()} once when the data type is exhausted, then {@link #close()}.
 * Not thread-safe.
 */
public interface RecordWriter extends Closeable {

    /** Writes what opens a new file: {@code [} for json, the header row for csv, nothing for jsonl. */
    void writeHeader() throws IOException;

    /** Writes one record (its values already transformed). */
    void write(ExportRecord record) throws IOException;

    /**
     * Appends the records an encoder of this file's format encoded for this place in the file
     * ({@link RecordEncoder#begin} told the records in the file so far), as if written here one by one.
     */
    void append(RecordEncoder encoded) throws IOException;

    /** Writes what closes a complete file ({@code ]} for json) and flushes. */
    void writeFooter() throws IOException;

    /** Pushes everything written so far into the output stream and flushes that stream. */
    void flush() throws IOException;

    /** Records in the file so far: those there before this writer plus those it wrote. */
    long recordsInFile();

    /** Flushes and releases the writer's buffers; the output stream stays open (its owner closes it). */
    @Override
    void close() throws IOException;
}
