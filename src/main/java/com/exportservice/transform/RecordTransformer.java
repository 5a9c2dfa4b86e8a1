package com.exportservice.transform;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.OrderedMap;
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
 * <p>The metadata is the record's {@code key=value} pairs, then the json fields' members. Where that
 * prints the same, it is built as its JSON text ({@link ExportRecord#metadataJson}: the pairs, then the
 * members copied from the json field's text), which the writers copy out, instead of maps that they would
 * encode again: one json field whose text validation found in its printed form, pairs that need no
 * escaping and that no member of the object replaces. Anything else goes through the map.
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
    /** Whether metadata may be built as JSON text ({@link #compactMetadata}) rather than always as a map. */
    private final boolean compactMetadata;
    private final KeyNames keyNames = new KeyNames();
    /** The record's {@code key=value} pairs, first of its metadata, as spans of its texts: reused from record to record. */
    private final PairSpans pairs = new PairSpans();
    /**
     * Per text field, its text's chars ({@link #charsOf}), for the scans of cleaning and of the pairs and
     * for copying the pairs into the metadata (the pairs' spans name them until the record is done): reused
     * from record to record.
     */
    private final char[][] textChars;
    /** Texts longer than this get an array of their own: the one kept stays small. */
    private static final int MAX_KEPT_TEXT_CHARS = 4096;
    /** Where {@link #compactMetadata} builds the metadata's JSON text. */
    private final TextBuilder json = new TextBuilder();

    /**
     * @param sourceZone      zone of source timestamps that carry none ({@code exporter.source.timezone})
     * @param includeMetadata whether to set each record's metadata (the request's {@code include_metadata})
     */
    public RecordTransformer(DataType type, ZoneId sourceZone, boolean includeMetadata) {
        this(type, sourceZone, includeMetadata, true);
    }

    /**
     * @param compactMetadata build the metadata as its JSON text where that prints the same ({@link
     *                        ExportRecord#metadataJson}); false: always as a map (what CompactMetadataTest
     *                        holds the text to)
     */
    public RecordTransformer(DataType type, ZoneId sourceZone, boolean includeMetadata, boolean compactMetadata) {
        Objects.requireNonNull(type, "type");
        this.compactMetadata = compactMetadata;
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
        textChars = new char[n][];
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
        pairs.clear();
        int n = Math.min(types.length, values.length);
        for (int i = 0; i < n; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            switch (types[i]) {
                case TIMESTAMP: {
                    String t = timestamps.format(v);
                    if (t != null) {
                        values[i] = t;
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
                        String s = asString(v);
                        char[] c = charsOf(i, s);
                        String t = TextCleaner.clean(s, c);
                        values[i] = t;
                        if (includeMetadata && t.indexOf('=') >= 0) {
                            if (t != s) {
                                t.getChars(0, t.length(), c, 0); // not longer than s
                            }
                            KeyValuePairs.extract(t, c, pairs);
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
            String compact = compactMetadata ? compactMetadata(record, values) : null;
            if (compact != null) {
                record.setMetadataJson(compact, RecordTransformer::metadataMap);
            } else {
                record.setMetadata(metadataMap(record, values));
            }
            record.dropParsedJson(); // merged into the metadata: the batch need not hold them twice
        }
    }

    /**
     * The metadata's JSON text, built as {@code {} + the pairs as {@code "k":"v"} + the json object's
     * members as they are in its text + {@code }}, when that is exactly what writing {@link #metadataMap}
     * prints: one json field whose text validation found in its printed form ({@link CompactJsonObject})
     * or none, pairs that need no escaping and none named like a top-level member of the object (which
     * would replace its value). Null otherwise, and for empty metadata.
     */
    private String compactMetadata(ExportRecord record, Object[] values) {
        CompactJsonObject object = null;
        if (jsonFields.length > 1) {
            return null;
        }
        if (jsonFields.length == 1) {
            int i = jsonFields[0];
            Object v = i < values.length ? values[i] : null;
            if (v instanceof CharSequence && !TextCleaner.isBlank(v.toString())) {
                if (!(record.parsedJson(i) instanceof CompactJsonObject c)) {
                    return null;
                }
                object = c;
            } else if (v != null && !(v instanceof CharSequence)) {
                return null; // a driver's parsed value
            }
        }
        int members = object == null ? 0 : object.nameCount();
        if (pairs.size() == 0) {
            return members == 0 ? null : object.text();
        }
        if (!pairs.printAsIs(members == 0 ? null : object)) {
            return null;
        }
        TextBuilder b = json;
        b.clear();
        b.append('{');
        pairs.appendJson(b);
        if (members == 0) {
            b.append('}');
        } else {
            String text = object.text();
            b.append(',').append(text, 1, text.length()); // its members and closing brace, after a comma
        }
        return b.toString();
    }

    /** The map of metadata JSON text that {@link #compactMetadata} built: what {@link #metadataMap(ExportRecord, Object[])} makes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataMap(String json) {
        return (Map<String, Object>) JsonText.parse(json);
    }

    /** The metadata as a map: the pairs, then the json fields' values. */
    private Map<String, Object> metadataMap(ExportRecord record, Object[] values) {
        Map<String, Object> metadata = null;
        if (pairs.size() > 0) {
            metadata = new OrderedMap(pairs.size() + 8);
            pairs.putInto(metadata, keyNames);
        }
        // json after text: a parsed value wins over a key=value pair of the same key
        for (int i : jsonFields) {
            Object v = i < values.length ? values[i] : null;
            if (v instanceof CharSequence) {
                String text = v.toString();
                if (!TextCleaner.isBlank(text)) { // blank counts as absent, not as broken JSON
                    Object parsed = record.parsedJson(i); // validation parsed it already, as a rule
                    if (parsed == ExportRecord.NOT_PARSED || parsed instanceof CompactJsonObject) {
                        parsed = JsonText.parse(text);
                    }
                    metadata = mergeJson(metadata, names[i], parsed, true);
                }
            } else if (v != null) {
                metadata = mergeJson(metadata, names[i], v, false); // a driver that already parsed it
            }
        }
        return metadata == null || metadata.isEmpty() ? Map.of() : metadata;
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

    /** The chars of field {@code i}'s text {@code s} from index 0 of its {@link #textChars} (or of an array of its own when it is long). */
    private char[] charsOf(int i, String s) {
        int n = s.length();
        char[] c = textChars[i];
        if (c == null || n > c.length) {
            if (n > MAX_KEPT_TEXT_CHARS) {
                return s.toCharArray();
            }
            c = new char[Math.max(n, c == null ? 256 : Math.min(2 * c.length, MAX_KEPT_TEXT_CHARS))];
            textChars[i] = c;
        }
        s.getChars(0, n, c, 0);
        return c;
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
