package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
    private final RawUtf8 metadataText = new RawUtf8();
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
                gen.writeRawValue(metadataText.of(metadataJson));
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
     * Raw JSON text for {@link JsonGenerator#writeRawValue(SerializableString)}, encoded by {@link
     * String#getBytes} (for text in one byte per char, one vectorised copy) and copied into the
     * generator's buffer, rather than {@code writeRawValue(String)}'s copy into chars and encoding char
     * by char. Holds no surrogate (RecordTransformer's compact metadata has none): the same bytes. Only
     * the unquoted UTF-8 forms are meant; one instance per writer, reset per record.
     */
    private static final class RawUtf8 implements SerializableString {
        private String text;
        private byte[] utf8;

        RawUtf8 of(String json) {
            text = json;
            utf8 = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            int length = utf8.length;
            if (offset + length > buffer.length) {
                return -1; // the generator then writes asUnquotedUTF8()
            }
            System.arraycopy(utf8, 0, buffer, offset, length);
            return length;
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < utf8.length) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }

        @Override
        public String getValue() {
            return text;
        }

        @Override
        public int charLength() {
            return text.length();
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            int length = text.length();
            if (offset + length > buffer.length) {
                return -1;
            }
            text.getChars(0, length, buffer, offset);
            return length;
        }

        // raw text is never quoted: the quoted forms are not for it
        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("raw JSON text is not quoted");
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("raw JSON text is not quoted");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException("raw JSON text is not quoted");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("raw JSON text is not quoted");
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException("raw JSON text is not quoted");
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException("raw JSON text is not quoted");
        }
    }
}
