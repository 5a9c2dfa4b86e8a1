package com.exportservice.status;

/** The export is in a state that does not allow the request (e.g. cancel after completion): HTTP 409. */
public class ExportConflictException extends RuntimeException {
    public ExportConflictException(String message) {
        super(message);
    }
}
