package com.exportservice.record;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One row on its way from the source to a file. {@code values} are indexed like the data type's
 * fields: first as read from the source (Long, BigDecimal/Double, String, Boolean, LocalDateTime,
 * OffsetDateTime), then transformed in place to output values (timestamps as ISO-8601 UTC strings,
 * cleaned text, canonical enum values). Mutable and confined to the thread handling its batch.
 */
public final class ExportRecord {
    private final Object[] values;
    private final Object key;
    private List<String> validationErrors;
    private Map<String, Object> metadata;
    /** The metadata as the JSON text the writers print, when the transformer built that instead of a map. */
    private String metadataJson;
    /** Makes {@link #metadata} of {@link #metadataJson} for a reader that asks for the map. */
    private Function<String, Map<String, Object>> metadataParser;
    /**
     * The json field parsed by validation for the transformer ({@link #parsedField} its index, -1: none
     * kept), and those of further json fields by index (null: none): a data type has one json field as
     * a rule, so a record keeps its parsed value without an array. A value is what the validator kept:
     * the parsed value, or the text of an object already in its printed form (transform.CompactJsonObject).
     */
    private int parsedField = -1;
    private Object parsedValue;
    private Object[] parsedJson;

    /** What {@link #parsedJson} gives for a field whose parsed value was not kept. */
    public static final Object NOT_PARSED = new Object() {
        @Override
        public String toString() {
            return "NOT_PARSED";
        }
    };
    /** Stands for a kept JSON {@code null} (an empty slot means nothing kept). */
    private static final Object JSON_NULL = new Object();

    public ExportRecord(Object[] values, Object key) {
        this.values = values;
        this.key = key;
    }

    /** Field values by field index; transformation replaces them in place. */
    public Object[] values() {
        return values;
    }

    /** Value of the id column (the batch key). */
    public Object key() {
        return key;
    }

    /** Names of the rules this record failed ({@code enum:level}), or null when valid. */
    public List<String> validationErrors() {
        return validationErrors;
    }

    public void setValidationErrors(List<String> validationErrors) {
        this.validationErrors = validationErrors;
    }

    public boolean isValid() {
        return validationErrors == null || validationErrors.isEmpty();
    }

    /** Keeps the value validation parsed from a json field's text (null: the JSON literal null), so it is parsed once. */
    public void keepParsedJson(int field, Object parsed) {
        Object kept = parsed == null ? JSON_NULL : parsed;
        if (parsedField < 0 || parsedField == field) {
            parsedField = field;
            parsedValue = kept;
            return;
        }
        if (parsedJson == null) {
            parsedJson = new Object[values.length];
        }
        parsedJson[field] = kept;
    }

    /** The value kept by {@link #keepParsedJson} for the field, or {@link #NOT_PARSED}. */
    public Object parsedJson(int field) {
        Object p = field == parsedField ? parsedValue
                : parsedJson == null || field < 0 || field >= parsedJson.length ? null : parsedJson[field];
        return p == null ? NOT_PARSED : p == JSON_NULL ? null : p;
    }

    /** Forgets the values kept by {@link #keepParsedJson} (the transformer took them): less held per batch. */
    public void dropParsedJson() {
        parsedField = -1;
        parsedValue = null;
        parsedJson = null;
    }

    /**
     * Parsed json fields plus key=value pairs found in text; null until the transformer sets it. Made from
     * {@link #metadataJson} on the first call when the transformer set that.
     */
    public Map<String, Object> metadata() {
        if (metadata == null && metadataJson != null) {
            metadata = metadataParser.apply(metadataJson);
        }
        return metadata;
    }

    public void setMetadata(Map<String, Object> metadata) {
        this.metadata = metadata;
        this.metadataJson = null;
        this.metadataParser = null;
    }

    /**
     * The metadata as the JSON text the writers print for {@link #metadata()} (a non-empty object on one
     * line), or null: write the map.
     */
    public String metadataJson() {
        return metadataJson;
    }

    /**
     * Sets the metadata as its printed JSON text; {@code parser} makes the map of it for a reader that
     * asks {@link #metadata()} (the writers do not).
     */
    public void setMetadataJson(String json, Function<String, Map<String, Object>> parser) {
        this.metadata = null;
        this.metadataJson = json;
        this.metadataParser = parser;
    }
}
