package com.exportservice.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a json or jsonl record holds around its values, the same in every record of a file, encoded once
 * as UTF-8: before each value the record's opening brace or a comma, the quoted name and a colon
 * ({@code {"id":}, {@code ,"level":}, ..., {@code ,"metadata":}, {@code ,"context":}); the record's end;
 * a valid record's whole context and end. The names are escaped by Jackson's {@link JsonStringEncoder},
 * as {@code writeFieldName(SerializableString)} escapes them.
 */
final class JsonRecordFrame {
    static final RawUtf8 FIRST_IN_ARRAY = RawUtf8.of("\n");
    static final RawUtf8 NEXT_IN_ARRAY = RawUtf8.of(",\n");
    static final RawUtf8 OPEN = RawUtf8.of("{");
    static final RawUtf8 EMPTY_OBJECT = RawUtf8.of("{}");

    /** For field {@code k} of the layout, then for metadata and context when they are included. */
    final RawUtf8[] prefixes;
    /** {@code }}, and the line's end in jsonl. */
    final RawUtf8 end;
    /** {@code ,"context":{...}} of a valid record, and the record's end; null without metadata. */
    final RawUtf8 validContextEnd;

    private JsonRecordFrame(RawUtf8[] prefixes, RawUtf8 end, RawUtf8 validContextEnd) {
        this.prefixes = prefixes;
        this.end = end;
        this.validContextEnd = validContextEnd;
    }

    /**
     * @throws IllegalArgumentException for a name Jackson cannot encode (a lone surrogate), as
     *                                  {@code writeFieldName} throws for it
     */
    static JsonRecordFrame of(RecordLayout layout, boolean array) {
        List<String> names = new ArrayList<>(List.of(layout.names));
        if (layout.includeMetadata()) {
            names.add(RecordLayout.METADATA);
            names.add(RecordLayout.CONTEXT);
        }
        RawUtf8[] prefixes = new RawUtf8[names.size()];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = RawUtf8.concat(i == 0 ? OPEN : RawUtf8.of(","), RawUtf8.quoted(names.get(i)), RawUtf8.of(":"));
        }
        RawUtf8 end = RawUtf8.of(array ? "}" : "}\n");
        RawUtf8 validContextEnd = layout.includeMetadata()
                ? RawUtf8.concat(prefixes[prefixes.length - 1], RawUtf8.of(JsonValues.validContextJson(layout.context)), end)
                : null;
        return new JsonRecordFrame(prefixes, end, validContextEnd);
    }

    /**
     * UTF-8 bytes for {@link JsonGenerator#writeRaw(SerializableString)} and {@code writeRawValue}: Jackson's
     * {@link SerializedString} with its bytes set, which the generator copies into its buffer as they are.
     */
    static final class RawUtf8 extends SerializedString {
        private static final long serialVersionUID = 1L;

        private RawUtf8(byte[] utf8) {
            super("");
            _unquotedUTF8Ref = utf8;
        }

        /** JSON text encoded by Jackson, as {@code SerializedString} encodes its own. */
        static RawUtf8 of(String text) {
            return new RawUtf8(JsonStringEncoder.getInstance().encodeAsUTF8(text));
        }

        /**
         * JSON text whose UTF-8 bytes are {@link String#getBytes}'s (for text in one byte per char, one
         * vectorised copy): the same as Jackson's for text without a lone surrogate.
         */
        static RawUtf8 ofText(String text) {
            return new RawUtf8(text.getBytes(StandardCharsets.UTF_8));
        }

        /** A name between quotes, escaped as the generator escapes a field name. */
        static RawUtf8 quoted(String name) {
            byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(name);
            byte[] b = new byte[escaped.length + 2];
            b[0] = '"';
            System.arraycopy(escaped, 0, b, 1, escaped.length);
            b[b.length - 1] = '"';
            return new RawUtf8(b);
        }

        static RawUtf8 concat(RawUtf8... parts) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (RawUtf8 p : parts) {
                b.writeBytes(p.asUnquotedUTF8());
            }
            return new RawUtf8(b.toByteArray());
        }
    }
}
