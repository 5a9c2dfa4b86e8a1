package com.exportservice.retention;

import com.exportservice.status.ExportConflictException;
import com.exportservice.status.StatusTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The retention policy ({@code exporter.output.retention}; bean {@code exportRetention}, called by the timer
 * route {@code export-retention}): the directory of an export that ended longer ago than the retention is
 * deleted, and its record stays in the history marked expired. Only finished exports expire, and only the
 * directory the store names for them (whose name is the export id); a running or retried export is never
 * touched, because it is marked expired (under its lock, finished only) before anything is deleted.
 */
public final class ExportRetention {
    public static final String SETTING = "exporter.output.retention";
    /** Exports handled per check; the next check takes the rest. */
    static final int PER_CHECK = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ExportRetention.class);

    private final StatusTracker status;
    private final Duration retention;
    private final Clock clock;

    public ExportRetention(StatusTracker status, Duration retention, Clock clock) {
        this.status = status;
        this.retention = retention;
        this.clock = clock;
    }

    /** How often to check: a tenth of the retention, at least every hour, at most every second. */
    public static Duration checkInterval(Duration retention) {
        Duration tenth = retention.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : tenth.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : tenth;
    }

    /** Deletes the directories of the exports that ended before now minus the retention; returns how many. */
    public int expire() {
        List<String> due = status.expirable(clock.instant().minus(retention), PER_CHECK);
        int expired = 0;
        for (String id : due) {
            Path dir = status.directory(id);
            try {
                status.expired(id);
            } catch (ExportConflictException e) {
                continue; // retried meanwhile: running again, not expired
            }
            expired++;
            if (!id.equals(String.valueOf(dir.getFileName()))) {
                LOG.warn("export {} expired; its directory {} is not named after it and was left alone", id, dir);
                continue;
            }
            try {
                deleteTree(dir);
                LOG.info("export {} expired (ended more than {} ago): {} deleted", id, retention, dir);
            } catch (IOException e) {
                LOG.error("export {} expired, but {} could not be deleted: {}", id, dir, e.getMessage());
            }
        }
        return expired;
    }

    /** Deletes a directory and what it holds; symbolic links are deleted, never followed. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
