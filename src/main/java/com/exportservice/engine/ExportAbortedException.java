package com.exportservice.engine;

/**
 * Ends an export at once, without redelivery: retrying cannot help (a record failed validation under
 * {@code on_invalid: fail}, or the stored request no longer fits the data type definitions).
 */
public class ExportAbortedException extends RuntimeException {
    public ExportAbortedException(String message) {
        super(message);
    }
}
