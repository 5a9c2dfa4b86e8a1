package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.output.DataFile;
import com.exportservice.output.RecordWriter;
import com.exportservice.source.BatchCursor;
import com.exportservice.transform.RecordTransformer;
import com.exportservice.validation.RecordValidator;
import com.exportservice.validation.ValidationStats;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One data type being exported: its open file, writer, cursor and processors, and the committed
 * state of its last finished batch (key, counts, byte offset, validation totals). A batch changes the
 * committed state only once it is written and flushed, so a redelivered batch starts from the same
 * place: the file is cut back to {@link #committedBytes} and read again after {@link #committedKey}.
 */
public final class DataTypeRun implements AutoCloseable {
    final DataType type;
    final String fileName;
    final DataFile file;
    final BatchCursor cursor;
    final RecordValidator validator;
    final RecordTransformer transformer;
    ValidationStats validationTotals;
    final String highWaterMarkText;
    final com.exportservice.record.RecordContext context;
    OutputStream out;
    RecordWriter writer;

    Object committedKey;
    long committedBytes;
    long batches;
    long processed;
    long written;
    long invalid;
    long skipped;
    /** Reads of the batch after the committed key so far (1 + redeliveries). */
    int attempts;

    DataTypeRun(DataType type, String fileName, DataFile file, BatchCursor cursor, RecordValidator validator,
                RecordTransformer transformer, ValidationStats validationTotals, String highWaterMarkText,
                com.exportservice.record.RecordContext context) {
        this.type = type;
        this.fileName = fileName;
        this.file = file;
        this.cursor = cursor;
        this.validator = validator;
        this.transformer = transformer;
        this.validationTotals = validationTotals;
        this.highWaterMarkText = highWaterMarkText;
        this.context = context;
    }

    /** Opens the file at the committed offset (cutting off a partial batch) with a writer continuing it. */
    void openAt(com.exportservice.request.OutputFormat format, com.exportservice.record.RecordContext context) throws IOException {
        file.close();
        out = file.openForAppend(committedBytes);
        writer = com.exportservice.output.RecordWriters.create(format, type, context, out, written);
    }

    /** Stops reading ahead and closes the file under its temporary name (it can be resumed). */
    @Override
    public void close() throws IOException {
        cursor.close();
        out = null;
        file.close();
    }
}
