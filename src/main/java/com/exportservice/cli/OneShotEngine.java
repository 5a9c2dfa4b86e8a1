package com.exportservice.cli;

import com.exportservice.status.StatusTracker;
import com.exportservice.submission.ExportSubmission;

import java.nio.file.Path;
import java.util.Map;

/**
 * The engine the one-shot command runs its export on (without HTTP server, inbox or schedules). The
 * service's composition root starts it; the command only uses it, so it does not depend on the root.
 */
public interface OneShotEngine extends AutoCloseable {

    /** Starts the engine for a working directory. */
    @FunctionalInterface
    interface Starter {
        /**
         * @param overrides settings that win over every other source (tests: a small demo)
         */
        OneShotEngine start(Path workingDir, Map<String, String> overrides) throws Exception;
    }

    ExportSubmission submission();

    StatusTracker status();

    /** Where export directories go unless {@code --out} names another. */
    Path outputRoot();

    /** Stops the engine; a running export stops at its next batch boundary and keeps its checkpoints. */
    @Override
    void close();
}
