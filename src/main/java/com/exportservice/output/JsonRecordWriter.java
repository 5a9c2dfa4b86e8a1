package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * json (one array, a record per line) and jsonl (an object per line) through one reused generator.
 * Array punctuation is written raw so a writer resuming a file needs only the record count: the
 * generator itself only ever sees root-level objects.
 */
final class JsonRecordWriter implements ContinuableWriter {
    private static final SerializedString METADATA = new SerializedString(RecordLayout.METADATA);
    private static final SerializedString CONTEXT = new SerializedString(RecordLayout.CONTEXT);

    private final RecordLayout layout;
    private final boolean array;
    private final OutputStream out;
    private final JsonGenerator gen;
    private final SerializedString validContext;
    private final JsonTextCompactor jsonText;
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
        this.validContext = layout.includeMetadata()
                ? new SerializedString(JsonValues.validContextJson(layout.context)) : null;
    }

    @Override
    public void writeHeader() throws IOException {
        if (array) {
            gen.writeRaw('[');
        }
    }

    @Override
    public void write(ExportRecord record) throws IOException {
        if (array) {
            gen.writeRaw(records == 0 ? "\n" : ",\n");
        }
        gen.writeStartObject();
        Object[] values = record.values();
        int[] indexes = layout.valueIndexes;
        for (int k = 0; k < indexes.length; k++) {
            gen.writeFieldName(layout.jsonNames[k]);
            Object v = values[indexes[k]];
            if (layout.jsonTyped[k] && v instanceof String s) {
                writeJsonText(s);
            } else {
                JsonValues.write(gen, v);
            }
        }
        if (layout.includeMetadata()) {
            gen.writeFieldName(METADATA);
            String metadataJson = record.metadataJson();
            Map<String, Object> metadata = metadataJson == null ? record.metadata() : null;
            if (metadataJson != null) {
                // the JSON text the map would print (RecordTransformer), copied into the generator's bytes
                gen.writeRawValue(new RawJson(metadataJson));
            } else if (metadata == null) {
                gen.writeStartObject();
                gen.writeEndObject();
            } else {
                JsonValues.write(gen, metadata);
            }
            gen.writeFieldName(CONTEXT);
            if (record.isValid()) {
                gen.writeRawValue(validContext);
            } else {
                JsonValues.writeContext(gen, layout.context, record.validationErrors());
            }
        }
        gen.writeEndObject();
        if (!array) {
            gen.writeRaw('\n');
        }
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

    /**
     * Raw JSON text for {@link JsonGenerator#writeRawValue(SerializableString)} with its UTF-8 bytes made
     * by {@link String#getBytes} (for text in one byte per char, one vectorised copy), which Jackson's
     * {@link SerializedString} then copies into the generator's buffer, rather than
     * {@code writeRawValue(String)}'s copy into chars and encoding char by char. Holds no surrogate
     * (RecordTransformer's compact metadata has none): the same bytes.
     */
    private static final class RawJson extends SerializedString {
        private static final long serialVersionUID = 1L;

        RawJson(String json) {
            super(json);
            _unquotedUTF8Ref = json.getBytes(StandardCharsets.UTF_8);
        }
    }
}
