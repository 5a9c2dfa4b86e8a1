package com.exportservice.status;

/** The queue of waiting exports is full ({@code exporter.max-pending-exports}): HTTP 429. */
public class TooManyExportsException extends RuntimeException {
    public TooManyExportsException(int limit) {
        super("too many exports waiting (limit " + limit + "); try again when some have started");
    }
}
