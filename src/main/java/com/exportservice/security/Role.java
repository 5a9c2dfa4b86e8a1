package com.exportservice.security;

import java.util.Locale;

/** What a token may do (contract section 11): a viewer reads, an operator also starts, cancels and retries. */
public enum Role {
    VIEWER, OPERATOR;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named in a tokens file or on the command line, or null when the name is not a role. */
    public static Role fromName(String name) {
        for (Role r : values()) {
            if (r.yamlName().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Whether this role may send a request that changes something (POST): only operators. */
    public boolean mayChange() {
        return this == OPERATOR;
    }
}
