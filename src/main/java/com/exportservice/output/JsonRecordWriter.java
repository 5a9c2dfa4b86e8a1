package com.exportservice.output;

import com.exportservice.output.JsonRecordFrame.RawUtf8;
import com.exportservice.record.ExportRecord;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * json (one array, a record per line) and jsonl (an object per line) through one reused generator.
 * Array punctuation is written raw so a writer resuming a file needs only the record count. A record's own
 * punctuation and names are the same in every record of a file: they are encoded once
 * ({@link JsonRecordFrame}) and copied in raw, and Jackson writes the values (the strings escaped, the
 * numbers printed, maps nested), each as a root value with no separator: byte for byte what it writes for
 * them as an object's fields (JsonRecordWriterJacksonTest), without the generator's field-name and comma
 * bookkeeping per field (bench/README.md, "JSON records around pre-encoded names").
 */
final class JsonRecordWriter implements ContinuableWriter {
    private final RecordLayout layout;
    private final boolean array;
    private final OutputStream out;
    private final JsonGenerator gen;
    private final JsonTextCompactor jsonText;
    /** Made at the first record: a name Jackson cannot encode fails a record's write, as it did, not an empty file. */
    private JsonRecordFrame frame;
    private long records;

    JsonRecordWriter(RecordLayout layout, OutputStream out, long recordsAlreadyInFile, boolean array) throws IOException {
        this.layout = layout;
        this.array = array;
        this.records = recordsAlreadyInFile;
        this.out = out;
        this.gen = JsonValues.FACTORY.createGenerator(out, JsonEncoding.UTF8);
        // separators between root values are ours (",\n" or "\n"), not Jackson's default space
        gen.setRootValueSeparator(null);
        this.jsonText = new JsonTextCompactor();
    }

    @Override
    public void writeHeader() throws IOException {
        if (array) {
            gen.writeRaw('[');
        }
    }

    @Override
    public void write(ExportRecord record) throws IOException {
        JsonRecordFrame f = frame != null ? frame : (frame = JsonRecordFrame.of(layout, array));
        if (array) {
            gen.writeRaw(records == 0 ? JsonRecordFrame.FIRST_IN_ARRAY : JsonRecordFrame.NEXT_IN_ARRAY);
        }
        Object[] values = record.values();
        int[] indexes = layout.valueIndexes;
        RawUtf8[] prefixes = f.prefixes;
        for (int k = 0; k < indexes.length; k++) {
            gen.writeRaw(prefixes[k]);
            Object v = values[indexes[k]];
            if (layout.jsonTyped[k] && v instanceof String s) {
                writeJsonText(s);
            } else {
                JsonValues.write(gen, v);
            }
        }
        if (layout.includeMetadata()) {
            gen.writeRaw(prefixes[indexes.length]);
            String metadataJson = record.metadataJson();
            Map<String, Object> metadata = metadataJson == null ? record.metadata() : null;
            if (metadataJson != null) {
                // the JSON text the map would print (RecordTransformer, no lone surrogate), copied in as bytes
                gen.writeRawValue(RawUtf8.ofText(metadataJson));
            } else if (metadata == null) {
                gen.writeRawValue(JsonRecordFrame.EMPTY_OBJECT);
            } else {
                JsonValues.write(gen, metadata);
            }
            if (record.isValid()) {
                gen.writeRaw(f.validContextEnd);
                records++;
                return;
            }
            gen.writeRaw(prefixes[indexes.length + 1]);
            JsonValues.writeContext(gen, layout.context, record.validationErrors());
        } else if (indexes.length == 0) {
            gen.writeRaw(JsonRecordFrame.OPEN);
        }
        gen.writeRaw(f.end);
        records++;
    }

    /** A json field's text: embedded when it is one JSON value (compacted onto one line), else a string. */
    private void writeJsonText(String text) throws IOException {
        if (jsonText.compact(text)) {
            gen.writeRawValue(jsonText.chars(), 0, jsonText.length());
        } else {
            gen.writeString(text);
        }
    }

    @Override
    public void continueAfter(long recordsInFile) {
        records = recordsInFile;
    }

    @Override
    public void append(RecordEncoder encoded) throws IOException {
        gen.flush();
        encoded.writeTo(out);
        records += encoded.records();
    }

    @Override
    public void writeFooter() throws IOException {
        if (array) {
            gen.writeRaw(records == 0 ? "]\n" : "\n]\n");
        }
        gen.flush();
    }

    @Override
    public void flush() throws IOException {
        gen.flush();
    }

    @Override
    public long recordsInFile() {
        return records;
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
