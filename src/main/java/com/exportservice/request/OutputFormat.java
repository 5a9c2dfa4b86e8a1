package com.exportservice.request;

import java.util.Locale;

/** Output file formats (contract section 4). */
public enum OutputFormat {
    JSON, JSONL, CSV;

    /** File extension and request spelling. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format spelled as in a request, or null when unknown. */
    public static OutputFormat fromName(String name) {
        for (OutputFormat f : values()) {
            if (f.extension().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
