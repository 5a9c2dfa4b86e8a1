package com.exportservice.status;

/**
 * This node no longer owns the export: another node took it over (its ownership epoch in the store moved
 * on), or this node could not renew its lease in time. Nothing was saved; the run must stop without
 * writing another byte or checkpoint for it.
 */
public final class OwnershipLostException extends RuntimeException {
    public OwnershipLostException(String message) {
        super(message, null, false, false);
    }
}
