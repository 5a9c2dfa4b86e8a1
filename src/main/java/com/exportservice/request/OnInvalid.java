package com.exportservice.request;

import java.util.Locale;

/** What happens to a record that fails validation (contract section 4, {@code on_invalid}). */
public enum OnInvalid {
    INCLUDE, SKIP, FAIL;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value spelled as in a request, or null when unknown. */
    public static OnInvalid fromName(String name) {
        for (OnInvalid o : values()) {
            if (o.jsonName().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
