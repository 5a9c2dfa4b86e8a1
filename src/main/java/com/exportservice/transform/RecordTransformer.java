package com.exportservice.transform;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.OrderedMap;
import com.exportservice.time.Timestamps;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a record's source values into output values in place (contract 5.1; docs/validation.md):
 * timestamps to UTC {@code ...sssZ} strings, enum values to their canonical spelling, text cleaned,
 * strings left exactly as stored, textual numbers and booleans to their type, and, with
 * {@code includeMetadata}, the record's metadata from its json and text fields. A value that cannot be
 * converted stays as it is (validation reports it).
 *
 * <p>Used by one thread at a time (it keeps the keys of {@code key=value} pairs it met, {@link KeyNames});
 * the engine makes one per data type, export and chunk slot.
 */
public final class RecordTransformer {
    private final FieldType[] types;
    private final String[] names;
    private final EnumNormalizer[] enums;
    private final int[] jsonFields;
    private final SourceTimestamps timestamps;
    private final boolean includeMetadata;
    private final KeyNames keyNames = new KeyNames();

    /**
     * @param sourceZone      zone of source timestamps that carry none ({@code exporter.source.timezone})
     * @param includeMetadata whether to set each record's metadata (the request's {@code include_metadata})
     */
    public RecordTransformer(DataType type, ZoneId sourceZone, boolean includeMetadata) {
        Objects.requireNonNull(type, "type");
        this.timestamps = new SourceTimestamps(sourceZone);
        this.includeMetadata = includeMetadata;
        List<FieldDef> fields = type.fields();
        int n = fields.size();
        types = new FieldType[n];
        names = new String[n];
        enums = new EnumNormalizer[n];
        int jsonCount = 0;
        for (int i = 0; i < n; i++) {
            FieldDef f = fields.get(i);
            types[i] = f.type();
            names[i] = f.name();
            if (f.type() == FieldType.ENUM) {
                enums[i] = EnumNormalizer.forField(f);
            } else if (f.type() == FieldType.JSON) {
                jsonCount++;
            }
        }
        jsonFields = new int[jsonCount];
        for (int i = 0, j = 0; i < n; i++) {
            if (types[i] == FieldType.JSON) {
                jsonFields[j++] = i;
            }
        }
    }

    /** Replaces the record's values with output values; sets its metadata when includeMetadata is on. */
    public void transform(ExportRecord record) {
        Object[] values = record.values();
        Map<String, Object> metadata = null;
        int n = Math.min(types.length, values.length);
        for (int i = 0; i < n; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            switch (types[i]) {
                case TIMESTAMP: {
                    long ms = timestamps.epochMillis(v);
                    if (ms != SourceTimestamps.INVALID) {
                        values[i] = Timestamps.formatMillis(ms);
                    }
                    break;
                }
                case ENUM:
                    if (isText(v) || v instanceof Number || v instanceof Boolean) {
                        values[i] = enums[i].normalize(v);
                    }
                    break;
                case TEXT:
                    if (isScalar(v)) {
                        String t = TextCleaner.clean(asString(v));
                        values[i] = t;
                        if (includeMetadata && t.indexOf('=') >= 0) {
                            if (metadata == null) {
                                metadata = new OrderedMap();
                            }
                            KeyValuePairs.extract(t, metadata, keyNames);
                        }
                    }
                    break;
                case STRING:
                    // exported exactly as stored (contract 5.1): only a non-text scalar becomes its text
                    if (!(v instanceof String) && isScalar(v)) {
                        values[i] = String.valueOf(v);
                    }
                    break;
                case INTEGER:
                    if (v instanceof String) {
                        Number num = ScalarValues.integerFromText((String) v);
                        if (num != null) {
                            values[i] = num;
                        }
                    }
                    break;
                case NUMBER:
                    if (v instanceof String) {
                        Number num = ScalarValues.numberFromText((String) v);
                        if (num != null) {
                            values[i] = num;
                        }
                    }
                    break;
                case BOOLEAN: {
                    Boolean b = ScalarValues.booleanValue(v);
                    if (b != null) {
                        values[i] = b;
                    }
                    break;
                }
                default:
                    break; // json: the writer embeds the text as JSON when parseable
            }
        }
        if (includeMetadata) {
            // json after text: a parsed value wins over a key=value pair of the same key
            for (int i : jsonFields) {
                Object v = i < values.length ? values[i] : null;
                if (v instanceof CharSequence) {
                    String text = v.toString();
                    if (!TextCleaner.isBlank(text)) { // blank counts as absent, not as broken JSON
                        Object parsed = record.parsedJson(i); // validation parsed it already, as a rule
                        metadata = mergeJson(metadata, names[i], parsed == ExportRecord.NOT_PARSED ? JsonText.parse(text) : parsed, true);
                    }
                } else if (v != null) {
                    metadata = mergeJson(metadata, names[i], v, false); // a driver that already parsed it
                }
            }
            record.setMetadata(metadata == null || metadata.isEmpty() ? Map.of() : metadata);
            record.dropParsedJson(); // merged into the metadata: the batch need not hold them twice
        }
    }

    /** @param parsedHere whether {@code parsed} came from parsing text for this record (no one else holds it) */
    private static Map<String, Object> mergeJson(Map<String, Object> metadata, String fieldName, Object parsed, boolean parsedHere) {
        if (parsed == JsonText.INVALID || parsed == null) {
            return metadata;
        }
        if (metadata == null && parsedHere && parsed instanceof OrderedMap) {
            // the parser's own fresh map, the record's alone: it becomes the metadata without a copy
            @SuppressWarnings("unchecked")
            Map<String, Object> obj = (Map<String, Object>) parsed;
            return obj;
        }
        Map<String, Object> m = metadata == null ? new OrderedMap() : metadata;
        if (parsed instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> obj = (Map<String, Object>) parsed;
            m.putAll(obj);
        } else {
            m.put(fieldName, parsed);
        }
        return m;
    }

    private static boolean isText(Object v) {
        return v instanceof CharSequence;
    }

    /** Values a string or text field writes as a string: text, numbers, booleans, dates; not bytes or structures. */
    private static boolean isScalar(Object v) {
        return v instanceof String || ScalarValues.isCommonNonText(v) || !(v.getClass().isArray() || v instanceof Map || v instanceof java.util.Collection);
    }

    private static String asString(Object v) {
        return v instanceof String ? (String) v : String.valueOf(v);
    }
}
