package com.exportservice.security;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the tokens file: the token itself is never stored, only the hex SHA-256 of it.
 *
 * @param name      who holds the token; shown as {@code requested_by} and in logs
 * @param sha256    lower-case hex SHA-256 of the token's UTF-8 bytes
 * @param dataTypes the data types the token is limited to, or null for all
 */
public record ApiToken(String name, String sha256, Role role, List<String> dataTypes) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final Pattern DATA_TYPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ApiToken {
        if (!NAME.matcher(name).matches() || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("malformed token entry");
        }
        Objects.requireNonNull(role, "role");
        dataTypes = dataTypes == null ? null : List.copyOf(dataTypes);
    }

    public Caller caller() {
        return Caller.token(name, role, dataTypes);
    }
}
