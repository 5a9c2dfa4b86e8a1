package com.exportservice.output;

import com.exportservice.record.OrderedMap;
import com.exportservice.record.RecordContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How an output value becomes JSON (contract section 5.1), shared by the json/jsonl writers and the
 * JSON cells of csv. Writes straight to a generator: no intermediate maps or trees.
 */
final class JsonValues {
    /**
     * The one factory for record output. Generators never close their target (the data file owns
     * it) and never auto-complete an unfinished record on close (a partial record is truncated away
     * by the caller, not patched up).
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    /** BigDecimals within this scale are written in plain notation ({@code 0.00000001}, not {@code 1E-8}). */
    private static final int PLAIN_SCALE_LIMIT = 100;

    private static final SerializedString DATA_TYPE = new SerializedString("data_type");
    private static final SerializedString EXPORT_ID = new SerializedString("export_id");
    private static final SerializedString EXPORTED_AT = new SerializedString("exported_at");
    private static final SerializedString VALIDATION_ERRORS = new SerializedString("validation_errors");

    private JsonValues() {
    }

    /** Writes any output value: numbers as numbers (non-finite ones as null), maps and lists nested, others as strings. */
    static void write(JsonGenerator gen, Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof OrderedMap m) {
            // metadata and parsed JSON objects: by index, no iterator and entries
            gen.writeStartObject();
            for (int i = 0, n = m.size(); i < n; i++) {
                gen.writeFieldName(m.keyAt(i));
                write(gen, m.valueAt(i));
            }
            gen.writeEndObject();
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            gen.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            gen.writeNumber(numberText(d));
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                gen.writeNumber(d);
            } else {
                gen.writeNull();
            }
        } else if (v instanceof Float f) {
            if (Float.isFinite(f)) {
                gen.writeNumber(f);
            } else {
                gen.writeNull();
            }
        } else if (v instanceof BigInteger b) {
            gen.writeNumber(b);
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                write(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            gen.writeStartArray();
            for (Object item : c) {
                write(gen, item);
            }
            gen.writeEndArray();
        } else if (v instanceof Object[] a) {
            gen.writeStartArray();
            for (Object item : a) {
                write(gen, item);
            }
            gen.writeEndArray();
        } else if (v instanceof JsonNode n) {
            writeNode(gen, n);
        } else {
            gen.writeString(v.toString());
        }
    }

    private static void writeNode(JsonGenerator gen, JsonNode n) throws IOException {
        if (n.isObject()) {
            gen.writeStartObject();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                gen.writeFieldName(e.getKey());
                writeNode(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (n.isArray()) {
            gen.writeStartArray();
            for (JsonNode item : n) {
                writeNode(gen, item);
            }
            gen.writeEndArray();
        } else if (n.isNumber()) {
            write(gen, n.numberValue());
        } else if (n.isBoolean()) {
            gen.writeBoolean(n.booleanValue());
        } else if (n.isNull() || n.isMissingNode()) {
            gen.writeNull();
        } else if (n instanceof POJONode pojo) {
            write(gen, pojo.getPojo());
        } else {
            gen.writeString(n.asText());
        }
    }

    /** A number's text: BigDecimal in plain notation unless its scale is extreme. */
    static String numberText(BigDecimal d) {
        int scale = d.scale();
        return scale >= -PLAIN_SCALE_LIMIT && scale <= PLAIN_SCALE_LIMIT ? d.toPlainString() : d.toString();
    }

    /** Writes a record's context object: data_type, export_id, exported_at, and validation_errors when there are any. */
    static void writeContext(JsonGenerator gen, RecordContext context, List<String> validationErrors) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(DATA_TYPE);
        gen.writeString(context.dataType());
        gen.writeFieldName(EXPORT_ID);
        gen.writeString(context.exportId());
        gen.writeFieldName(EXPORTED_AT);
        gen.writeString(context.exportedAt());
        if (validationErrors != null && !validationErrors.isEmpty()) {
            gen.writeFieldName(VALIDATION_ERRORS);
            gen.writeStartArray();
            for (String rule : validationErrors) {
                gen.writeString(rule);
            }
            gen.writeEndArray();
        }
        gen.writeEndObject();
    }

    /** The context object of a valid record, as JSON text: the same for every valid record of a file. */
    static String validContextJson(RecordContext context) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            writeContext(gen, context, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
