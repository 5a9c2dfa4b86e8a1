package com.exportservice.status;

/** The state store failed; the message says which operation. */
public class StoreException extends RuntimeException {
    public StoreException(String operation, Throwable cause) {
        super("state store: cannot " + operation + ": " + cause.getMessage(), cause);
    }
}
