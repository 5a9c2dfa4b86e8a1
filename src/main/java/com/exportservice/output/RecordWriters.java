package com.exportservice.output;

import com.exportservice.config.DataType;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Creates the {@link RecordWriter} for an output format. */
public final class RecordWriters {
    private RecordWriters() {
    }

    /**
     * A writer appending to {@code out}, which is positioned at the end of a file holding
     * {@code recordsAlreadyInFile} records (0 for a new file, which then gets {@link RecordWriter#writeHeader()}).
     *
     * @throws IllegalArgumentException when a declared field is named {@code context} while metadata is
     *                                  included: the record would carry that key twice
     */
    public static RecordWriter create(OutputFormat format, DataType type, RecordContext context, OutputStream out,
                                      long recordsAlreadyInFile) throws IOException {
        return writer(format, type, context, out, recordsAlreadyInFile);
    }

    static ContinuableWriter writer(OutputFormat format, DataType type, RecordContext context, OutputStream out,
                                    long recordsAlreadyInFile) throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        if (recordsAlreadyInFile < 0) {
            throw new IllegalArgumentException("recordsAlreadyInFile must be >= 0: " + recordsAlreadyInFile);
        }
        RecordLayout layout = RecordLayout.of(type, context);
        return switch (format) {
            case JSON -> new JsonRecordWriter(layout, out, recordsAlreadyInFile, true);
            case JSONL -> new JsonRecordWriter(layout, out, recordsAlreadyInFile, false);
            case CSV -> new CsvRecordWriter(layout, out, recordsAlreadyInFile);
        };
    }
}
