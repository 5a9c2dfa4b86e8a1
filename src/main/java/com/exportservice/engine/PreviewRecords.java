package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.output.RecordWriter;
import com.exportservice.output.RecordWriters;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders a preview record with the JSON Lines writer, so a preview shows exactly what an export writes. */
final class PreviewRecords {
    private PreviewRecords() {
    }

    static JsonNode toJson(ExportRecord record, DataType type, RecordContext context, ObjectMapper mapper) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RecordWriter writer = RecordWriters.create(OutputFormat.JSONL, type, context, out, 0);
            writer.write(record);
            writer.flush();
            return mapper.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
