package com.exportservice.cli;

import com.exportservice.status.ExportStatus;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** Shows an export's progress on stderr while the one-shot command waits for it. */
interface ProgressView {
    /** Called on every poll with the current, unfinished status. */
    void update(ExportStatus status);

    /** Called once with the finished status (completed, failed or cancelled). */
    void finish(ExportStatus status);

    /** Called when the command is stopped (Ctrl-C) before the export finished. */
    void interrupted(String exportId);

    /**
     * A live bar redrawn in place on a terminal, else a plain line every {@code intervalMillis}.
     *
     * @param millis the clock the plain lines are spaced by
     */
    static ProgressView create(PrintStream err, boolean terminal, LongSupplier millis, long intervalMillis) {
        return terminal ? new LiveProgressBar(err) : new PlainProgressLog(err, millis, intervalMillis);
    }
}
