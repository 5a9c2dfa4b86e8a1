package com.exportservice.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who sent a request, as the access gate established it: a token's holder, the anonymous user (no tokens
 * configured, on a loopback address or with anonymous access allowed), or nobody (no or an unknown
 * token, which only {@code GET /api/health} accepts).
 *
 * @param name      the token's name, {@code anonymous}, or null for nobody; what {@code requested_by} records
 * @param role      null for nobody
 * @param dataTypes the data types this caller may see and export, or null for all
 */
public record Caller(String name, Role role, Set<String> dataTypes, Kind kind) {
    public enum Kind { TOKEN, ANONYMOUS, NOBODY }

    public static final String ANONYMOUS_NAME = "anonymous";
    public static final Caller ANONYMOUS = new Caller(ANONYMOUS_NAME, Role.OPERATOR, null, Kind.ANONYMOUS);
    public static final Caller NOBODY = new Caller(null, null, Set.of(), Kind.NOBODY);

    public Caller {
        dataTypes = dataTypes == null ? null : Set.copyOf(new LinkedHashSet<>(dataTypes));
    }

    static Caller token(String name, Role role, List<String> dataTypes) {
        return new Caller(name, role, dataTypes == null ? null : new LinkedHashSet<>(dataTypes), Kind.TOKEN);
    }

    /** Whether the request came with valid credentials, or needs none (anonymous access). */
    public boolean identified() {
        return kind != Kind.NOBODY;
    }

    /** Whether this caller may see an export of these data types, or start one: all of them must be allowed. */
    public boolean maySee(Collection<String> types) {
        return identified() && (dataTypes == null || dataTypes.containsAll(types));
    }

    /**
     * Refuses what this caller may not see.
     *
     * @throws ForbiddenException naming the data types the caller's token does not cover
     */
    public void requireDataTypes(Collection<String> types) {
        if (maySee(types)) {
            return;
        }
        List<String> outside = types.stream().filter(t -> dataTypes == null || !dataTypes.contains(t)).distinct().toList();
        throw new ForbiddenException("the token '" + name + "' is limited to the data types " + String.join(", ", sorted(dataTypes))
                + "; not allowed: " + String.join(", ", outside));
    }

    /** Refuses a change (start, cancel, retry) to a caller who may only read. */
    public void requireOperator() {
        if (role == null || !role.mayChange()) {
            throw new ForbiddenException("the token '" + name + "' is a viewer token: starting, previewing, cancelling and "
                    + "retrying exports needs an operator token");
        }
    }

    private static List<String> sorted(Set<String> types) {
        return types == null ? List.of() : types.stream().sorted().toList();
    }
}
