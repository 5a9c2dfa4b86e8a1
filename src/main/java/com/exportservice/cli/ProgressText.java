package com.exportservice.cli;

import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The numbers and sentences both progress views share, computed from one status snapshot. */
final class ProgressText {
    private ProgressText() {
    }

    /** Overall percent 0..100: records processed over all data types' total. */
    static double percent(ExportStatus s) {
        if (ExportState.fromName(s.status()) == ExportState.COMPLETED) {
            return 100.0;
        }
        if (s.totalRecords() <= 0) {
            return 0.0;
        }
        return Math.min(100.0, 100.0 * s.processedRecords() / s.totalRecords());
    }

    /** Time left at the current rate, {@code m:ss} or {@code h:mm:ss}; {@code --:--} while unknown. */
    static String eta(ExportStatus s) {
        long remaining = s.totalRecords() - s.processedRecords();
        if (s.recordsPerSecond() <= 0 || s.totalRecords() <= 0 || remaining < 0) {
            return "--:--";
        }
        return duration(Math.round(Math.ceil(remaining / s.recordsPerSecond())));
    }

    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long sec = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static long rate(ExportStatus s) {
        return Math.round(s.recordsPerSecond());
    }

    /** The last line of either view: the outcome, with the error message of a failed export. */
    static String finalLine(ExportStatus s) {
        String head = "export " + s.exportId() + ": " + s.status();
        String counts = s.processedRecords() + "/" + s.totalRecords() + " records";
        if (ExportState.fromName(s.status()) == ExportState.COMPLETED) {
            String took = took(s);
            return head + ", " + s.processedRecords() + " records" + (took == null ? "" : " in " + took)
                    + " (" + rate(s) + " rec/s)";
        }
        String error = s.errorMessage() == null || s.errorMessage().isBlank() ? "" : ": " + s.errorMessage();
        if (ExportState.fromName(s.status()) == ExportState.FAILED && error.isEmpty()) {
            error = ": no error message recorded";
        }
        return head + " after " + counts + error;
    }

    private static String took(ExportStatus s) {
        if (s.startTime() == null || s.endTime() == null) {
            return null;
        }
        try {
            Duration d = Duration.between(Instant.parse(s.startTime()), Instant.parse(s.endTime()));
            return d.isNegative() ? null : duration(Math.round(d.toMillis() / 1000.0));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
