package com.exportservice.security;

/** A request the caller's role or data types do not cover: answered 403 {@code forbidden}. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
