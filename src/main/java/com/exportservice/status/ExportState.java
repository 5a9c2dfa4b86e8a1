package com.exportservice.status;

/** Lifecycle states of an export and of each of its data types (contract section 9). */
public enum ExportState {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The state spelled as in the API, or null when unknown. */
    public static ExportState fromName(String name) {
        for (ExportState s : values()) {
            if (s.jsonName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
