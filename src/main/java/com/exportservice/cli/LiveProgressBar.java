package com.exportservice.cli;

import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress bar for a terminal, redrawn in place with a carriage return:
 * {@code [#########-----------]  45.0%  45,000/100,000 records  51,234 rec/s  ETA 0:01}.
 */
final class LiveProgressBar implements ProgressView {
    static final int WIDTH = 20;

    private final PrintStream err;
    private int lastLength;
    private boolean open;

    LiveProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void update(ExportStatus status) {
        draw(line(status));
    }

    @Override
    public synchronized void finish(ExportStatus status) {
        draw(line(status));
        endLine();
        err.println(ProgressText.finalLine(status));
        err.flush();
    }

    @Override
    public synchronized void interrupted(String exportId) {
        endLine();
        err.println(Interruption.message(exportId));
        err.flush();
    }

    static String line(ExportStatus s) {
        double percent = ProgressText.percent(s);
        int filled = (int) Math.min(WIDTH, Math.floor(percent / 100.0 * WIDTH));
        String bar = "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
        if (ExportState.fromName(s.status()) == ExportState.PENDING) {
            return bar + String.format(Locale.ROOT, " %5.1f%%  waiting to start", percent);
        }
        return bar + String.format(Locale.ROOT, " %5.1f%%  %s/%s records  %s rec/s  ETA %s", percent,
                ProgressText.grouped(s.processedRecords()), ProgressText.grouped(s.totalRecords()),
                ProgressText.grouped(ProgressText.rate(s)), ProgressText.eta(s));
    }

    private void draw(String line) {
        // spaces wipe what is left of a longer previous line
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
        open = true;
    }

    private void endLine() {
        if (open) {
            err.println();
            open = false;
            lastLength = 0;
        }
    }
}
