package com.exportservice.output;

/** A writer that can be told where in a file its next record goes: what a {@link RecordEncoder} needs. */
interface ContinuableWriter extends RecordWriter {
    /** The next record follows {@code recordsInFile} records (json: whether it needs a separator). */
    void continueAfter(long recordsInFile);
}
