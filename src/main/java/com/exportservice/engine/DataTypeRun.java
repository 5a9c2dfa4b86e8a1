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
    final ValidationStats validationTotals;
    final String highWaterMarkText;
    OutputStream out;
    RecordWriter writer;

    Object committedKey;
    long committedBytes;
    long batches;
    long processed;
    long written;
    long invalid;
    long skipped;
    boolean complete;

    DataTypeRun(DataType type, String fileName, DataFile file, BatchCursor cursor, RecordValidator validator,
                RecordTransformer transformer, ValidationStats validationTotals, String highWaterMarkText) {
        this.type = type;
        this.fileName = fileName;
        this.file = file;
        this.cursor = cursor;
        this.validator = validator;
        this.transformer = transformer;
        this.validationTotals = validationTotals;
        this.highWaterMarkText = highWaterMarkText;
    }

    public String dataType() {
        return type.name();
    }

    public Object committedKey() {
        return committedKey;
    }

    @Override
    public void close() throws IOException {
        cursor.close();
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
