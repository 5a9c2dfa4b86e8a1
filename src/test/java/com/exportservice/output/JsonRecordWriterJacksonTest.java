package com.exportservice.output;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.OrderedMap;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JsonRecordWriter copies each record's punctuation and field names in as pre-encoded bytes and has Jackson
 * write only the values; the reference here is Jackson writing the same record as an object of its own
 * (writeStartObject, writeFieldName, the values, writeEndObject). The two must give the same bytes for any
 * names and values: escapes, control chars, non-ASCII, surrogate pairs and lone surrogates included.
 */
class JsonRecordWriterJacksonTest {
    /** Chars that JSON escapes or encodes in more than one byte, and their neighbours. */
    private static final char[] ALPHABET = {0, 1, '\t', '\n', '\r', 0x1F, ' ', '"', '\\', '/', '\'', '{', '}', ':', ',',
            'a', 'Z', '0', 0x7F, 0x80, 0xA0, 'é', 'ü', '€', 0x2028, 0xFFFD, 0xD83D, 0xDE00, 0xDBFF, 0xDC00};

    private static final String[] CONTEXT_NAMES = {"logs", "a_b-c", "t\"q\\", "café", "😀", "\u0001"};

    private static final FieldType[] TYPES = FieldType.values();

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"JSON", "JSONL"})
    void should_write_every_record_as_jackson_writes_it_as_an_object(OutputFormat format) throws IOException {
        Random random = new Random(8);
        for (int file = 0; file < 300; file++) {
            boolean includeMetadata = random.nextBoolean();
            DataType type = randomType(random, includeMetadata);
            // a data type's name is checked (letters, digits, _ and -), the id and time are made: no lone surrogate
            RecordContext context = new RecordContext(CONTEXT_NAMES[random.nextInt(CONTEXT_NAMES.length)],
                    "exp-" + random.nextInt(1000), Fixtures.EXPORTED_AT, includeMetadata);
            ExportRecord[] records = new ExportRecord[random.nextInt(6)];
            for (int i = 0; i < records.length; i++) {
                records[i] = randomRecord(random, type.fields().size());
            }

            byte[] expected;
            try {
                expected = jackson(format, type, context, records);
            } catch (IllegalArgumentException e) {
                // a name with a lone surrogate: Jackson refuses it at the first record, and so must the writer
                assertThat(records).isNotEmpty();
                assertThatThrownBy(() -> Fixtures.writeBytes(format, type, context, records))
                        .isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            byte[] ours = Fixtures.writeBytes(format, type, context, records);
            assertThat(ours).as("file %d: %s", file, new String(ours, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    /** The file as Jackson writes each record: an object, its names by writeFieldName. */
    private static byte[] jackson(OutputFormat format, DataType type, RecordContext context, ExportRecord[] records)
            throws IOException {
        boolean array = format == OutputFormat.JSON;
        RecordLayout layout = RecordLayout.of(type, context);
        JsonTextCompactor jsonText = new JsonTextCompactor();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = JsonValues.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            gen.setRootValueSeparator(null);
            if (array) {
                gen.writeRaw('[');
            }
            for (int n = 0; n < records.length; n++) {
                ExportRecord record = records[n];
                if (array) {
                    gen.writeRaw(n == 0 ? "\n" : ",\n");
                }
                gen.writeStartObject();
                for (int k = 0; k < layout.size(); k++) {
                    gen.writeFieldName(new SerializedString(layout.names[k]));
                    Object v = record.values()[layout.valueIndexes[k]];
                    if (layout.jsonTyped[k] && v instanceof String s && jsonText.compact(s)) {
                        gen.writeRawValue(jsonText.chars(), 0, jsonText.length());
                    } else {
                        JsonValues.write(gen, v);
                    }
                }
                if (layout.includeMetadata()) {
                    gen.writeFieldName("metadata");
                    if (record.metadataJson() != null) {
                        gen.writeRawValue(record.metadataJson());
                    } else if (record.metadata() == null) {
                        gen.writeStartObject();
                        gen.writeEndObject();
                    } else {
                        JsonValues.write(gen, record.metadata());
                    }
                    gen.writeFieldName("context");
                    if (record.isValid()) {
                        // as the writer has always written a valid record's context: the char generator's text
                        gen.writeRawValue(new SerializedString(JsonValues.validContextJson(context)));
                    } else {
                        JsonValues.writeContext(gen, context, record.validationErrors());
                    }
                }
                gen.writeEndObject();
                if (!array) {
                    gen.writeRaw('\n');
                }
            }
            if (array) {
                gen.writeRaw(records.length == 0 ? "]\n" : "\n]\n");
            }
        }
        return out.toByteArray();
    }

    private static DataType randomType(Random random, boolean includeMetadata) {
        List<FieldDef> fields = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String name = random.nextInt(4) == 0 ? text(random, 6) : "f" + i;
            if (includeMetadata && (name.equals("context") || name.equals("metadata"))) {
                name = "f" + i;
            }
            fields.add(Fixtures.field("c" + i, name, TYPES[random.nextInt(TYPES.length)]));
        }
        if (random.nextInt(4) == 0) {
            fields.add(Fixtures.field("m", "metadata", FieldType.JSON)); // folded into the metadata when included
        }
        return new DataType("t", "t", null, fields.isEmpty() ? null : "c0", null, fields);
    }

    private static ExportRecord randomRecord(Random random, int fields) {
        Object[] values = new Object[fields];
        for (int i = 0; i < fields; i++) {
            values[i] = value(random, 2);
        }
        ExportRecord record = new ExportRecord(values, fields == 0 ? null : values[0]);
        switch (random.nextInt(3)) {
            case 0 -> record.setMetadataJson(metadataText(random), json -> Map.of());
            case 1 -> record.setMetadata(random.nextBoolean() ? null : map(random, 2));
            default -> { } // neither set
        }
        if (random.nextInt(3) == 0) {
            record.setValidationErrors(List.of(text(random, 8), text(random, 3)));
        }
        return record;
    }

    private static Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 11 : 8)) {
            case 0 -> null;
            case 1 -> random.nextLong();
            case 2 -> random.nextInt();
            case 3 -> new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(8));
            case 4 -> random.nextInt(5) == 0 ? Double.NaN : random.nextDouble();
            case 5 -> random.nextBoolean();
            case 6 -> random.nextBoolean() ? metadataText(random) : "{\"a\": [1, 2] }";
            case 7 -> text(random, 40);
            case 8 -> map(random, depth - 1);
            case 9 -> Arrays.asList(value(random, depth - 1), value(random, depth - 1));
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(text(random, 5), value(random, depth - 1));
                yield m;
            }
        };
    }

    private static OrderedMap map(Random random, int depth) {
        OrderedMap m = new OrderedMap();
        for (int i = random.nextInt(4); i > 0; i--) {
            m.put(text(random, 5), value(random, depth));
        }
        return m;
    }

    /** A compact JSON object as RecordTransformer prints metadata: no lone surrogate in it. */
    private static String metadataText(Random random) {
        StringBuilder s = new StringBuilder("{");
        for (int i = random.nextInt(4); i >= 0; i--) {
            s.append("\"k").append(i).append("\":");
            s.append(random.nextBoolean() ? String.valueOf(random.nextInt()) : "\"v" + (random.nextBoolean() ? "é€😀" : "") + "\"");
            s.append(i > 0 ? "," : "");
        }
        return s.append('}').toString();
    }

    /** Mostly letters, now and then a char of {@link #ALPHABET}. */
    private static String text(Random random, int maxLength) {
        char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
