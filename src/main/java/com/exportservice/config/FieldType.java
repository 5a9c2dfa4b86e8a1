package com.exportservice.config;

import java.util.Locale;

/** The field types a data type definition may declare (contract section 3). */
public enum FieldType {
    INTEGER, NUMBER, STRING, TEXT, ENUM, TIMESTAMP, BOOLEAN, JSON;

    /** The lower-case name used in the data types file and the API. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a type name from the data types file; null when unknown. */
    public static FieldType fromYamlName(String name) {
        if (name == null) {
            return null;
        }
        for (FieldType t : values()) {
            if (t.yamlName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
