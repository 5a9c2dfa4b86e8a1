package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.record.ExportRecord;
import com.exportservice.transform.RecordTransformer;
import com.exportservice.validation.RecordValidator;
import com.exportservice.validation.ValidationStats;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Makes the validation and transformation processors of each data type of an export (bean
 * {@value #BEAN}). The engine looks the bean up in the Camel registry when it opens a data type, so a
 * test can bind another one (one that counts the records, or holds an export at a chosen batch).
 */
public interface RecordProcessors {
    /** The bean's name in the Camel registry. */
    String BEAN = "recordProcessors";

    /** Checks one record, sets its validation errors and counts it into the batch's stats. */
    @FunctionalInterface
    interface Validation {
        void validate(ExportRecord record, ValidationStats batchStats);
    }

    /** Turns one record's source values into output values, in place. */
    @FunctionalInterface
    interface Transformation {
        void transform(ExportRecord record);
    }

    /** A validator; one instance is used by one thread at a time (an export asks for one per chunk slot). */
    Validation validator(DataType type);

    /**
     * A validator for an export that does or does not include metadata: with metadata, the standard one
     * keeps each json field it parsed in the record, so the transformer does not parse it again.
     */
    default Validation validator(DataType type, boolean includeMetadata) {
        return validator(type);
    }

    Transformation transformer(DataType type, boolean includeMetadata);

    /** The service's processors: {@link RecordValidator} and {@link RecordTransformer}. */
    static RecordProcessors standard(Clock clock, ZoneId sourceZone) {
        return new RecordProcessors() {
            @Override
            public Validation validator(DataType type) {
                return new RecordValidator(type, clock, sourceZone)::validate;
            }

            @Override
            public Validation validator(DataType type, boolean includeMetadata) {
                return new RecordValidator(type, clock, sourceZone, includeMetadata)::validate;
            }

            @Override
            public Transformation transformer(DataType type, boolean includeMetadata) {
                return new RecordTransformer(type, sourceZone, includeMetadata)::transform;
            }
        };
    }
}
