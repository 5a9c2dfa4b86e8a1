package com.exportservice.cli;

import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for a log or pipe, where a redrawn bar would be noise: a line when the state changes and
 * then one every interval, e.g. {@code export exp-1: running 45.0% (45000/100000 records, 51234 rec/s)}.
 */
final class PlainProgressLog implements ProgressView {
    private final PrintStream err;
    private final LongSupplier millis;
    private final long intervalMillis;
    private String lastState;
    private long lastPrinted;

    PlainProgressLog(PrintStream err, LongSupplier millis, long intervalMillis) {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("intervalMillis must not be negative: " + intervalMillis);
        }
        this.err = err;
        this.millis = millis;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public synchronized void update(ExportStatus status) {
        long now = millis.getAsLong();
        if (status.status().equals(lastState) && now - lastPrinted < intervalMillis) {
            return;
        }
        lastState = status.status();
        lastPrinted = now;
        err.println(line(status));
        err.flush();
    }

    @Override
    public synchronized void finish(ExportStatus status) {
        err.println(ProgressText.finalLine(status));
        err.flush();
    }

    @Override
    public synchronized void interrupted(String exportId) {
        err.println(Interruption.message(exportId));
        err.flush();
    }

    static String line(ExportStatus s) {
        String head = "export " + s.exportId() + ": " + s.status();
        if (ExportState.fromName(s.status()) == ExportState.PENDING) {
            return head + " (waiting to start)";
        }
        return head + String.format(Locale.ROOT, " %.1f%% (%d/%d records, %d rec/s)", ProgressText.percent(s),
                s.processedRecords(), s.totalRecords(), ProgressText.rate(s));
    }
}
