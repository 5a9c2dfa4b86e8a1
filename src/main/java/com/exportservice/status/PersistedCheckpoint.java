package com.exportservice.status;

/**
 * A {@link BatchCheckpoint} the state store holds: only {@link StatusTracker#persist} makes one, so the
 * commit step, which takes only this type, cannot apply a checkpoint that a crash would lose.
 */
public final class PersistedCheckpoint {
    private final BatchCheckpoint checkpoint;

    PersistedCheckpoint(BatchCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    public BatchCheckpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public String toString() {
        return "persisted " + checkpoint;
    }
}
