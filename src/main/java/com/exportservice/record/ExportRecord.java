package com.exportservice.record;

import java.util.List;
import java.util.Map;

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

    /** Parsed json fields plus key=value pairs found in text; null until the transformer sets it. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    public void setMetadata(Map<String, Object> metadata) {
        this.metadata = metadata;
    }
}
