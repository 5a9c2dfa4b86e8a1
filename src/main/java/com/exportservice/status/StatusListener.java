package com.exportservice.status;

/**
 * Told of every export's changes by the {@link StatusTracker}, after the store holds them: live events,
 * metrics and notifications listen. Called on the thread that made the change, outside the export's
 * lock; a listener must return quickly and never block (hand work off), and what it throws is logged
 * and ignored: an export never fails because someone was listening.
 */
public interface StatusListener {
    /** An export was created, or its status changed (pending, running, completed, failed, cancelled). */
    default void statusChanged(ExportStatus status) {
    }

    /** A batch's checkpoint (or a data type's final size) is persisted: the export moved on. */
    default void progressed(ExportStatus status, Progress progress) {
    }
}
