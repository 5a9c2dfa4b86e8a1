package com.exportservice.cli;

import com.exportservice.config.ConfigException;
import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.request.Problem;
import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.StatusTracker;
import com.exportservice.submission.Trigger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one-shot command (contract section 8): {@code java -jar export-service.jar export [options]}.
 * Starts the engine without HTTP, inbox or schedules, runs one export with trigger {@code cli}, shows
 * progress on stderr and prints the export directory as the only line on stdout. Exit status: 0
 * completed, 1 failed or cancelled, 2 invalid arguments, request or settings; stopped by a signal, the
 * JVM's 128 + the signal after the shutdown hook has stopped the engine (130 for Ctrl-C, 143 for SIGTERM).
 */
public final class ExportCommand {
    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;
    /** The conventional status of a command stopped by Ctrl-C (128 + SIGINT). */
    static final int INTERRUPTED = 130;

    static final long POLL_MILLIS = 200;
    static final long PLAIN_INTERVAL_MILLIS = 5_000;
    private static final String HINT = "run 'export --help' for the options";

    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDir;
    private final Map<String, String> overrides;
    private final ProgressView progress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean interrupted;
    private final OneShotEngine.Starter starter;
    private volatile String exportId;
    private volatile OneShotEngine engine;

    ExportCommand(PrintStream out, PrintStream err, Path workingDir, Map<String, String> overrides, ProgressView progress,
                  OneShotEngine.Starter starter) {
        this.out = out;
        this.err = err;
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.overrides = Map.copyOf(overrides);
        this.progress = progress;
        this.starter = starter;
    }

    /** The command as {@code ExportServiceApplication} runs it: the process's working directory, logs at WARN. */
    public static int run(String[] args, PrintStream out, PrintStream err, OneShotEngine.Starter starter) {
        // INFO lines on stderr would tear the live progress bar apart; warnings and errors still show
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.WARN);
        return run(args, out, err, Path.of("").toAbsolutePath(), Map.of(), starter);
    }

    /**
     * The command for a given working directory.
     *
     * @param settingOverrides settings that win over every other source (tests: a small demo, ports)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Path workingDir, Map<String, String> settingOverrides,
                          OneShotEngine.Starter starter) {
        ProgressView view = ProgressView.create(err, System.console() != null, System::currentTimeMillis, PLAIN_INTERVAL_MILLIS);
        return new ExportCommand(out, err, workingDir, settingOverrides, view, starter).execute(args);
    }

    int execute(String[] args) {
        ExportArguments arguments;
        try {
            arguments = ExportArguments.parse(Arrays.asList(args), workingDir);
        } catch (InvalidArgumentsException e) {
            e.errors().forEach(err::println);
            err.println(HINT);
            return INVALID;
        }
        if (arguments.help()) {
            out.print(ExportArguments.usage());
            out.flush();
            return COMPLETED;
        }
        try {
            engine = starter.start(workingDir, overrides);
        } catch (Exception e) {
            ConfigException config = ConfigException.in(e);
            err.println(config != null ? config.getMessage() : "cannot start the export service: " + e);
            return config != null ? INVALID : FAILED;
        }
        Thread hook = new Thread(this::onShutdown, "export-command-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return export(arguments);
        } finally {
            removeHook(hook);
            closeEngine();
        }
    }

    private int export(ExportArguments arguments) {
        Path outputRoot = arguments.outputRoot() != null ? arguments.outputRoot() : engine.outputRoot();
        ExportStatus started;
        try {
            started = engine.submission().submit(arguments.request(), Trigger.CLI, outputRoot);
        } catch (InvalidExportConfigException e) {
            for (Problem p : e.problems()) {
                err.println(p.field() + ": " + p.problem());
            }
            err.println(HINT);
            return INVALID;
        } catch (RuntimeException e) {
            err.println("cannot start the export: " + e.getMessage());
            return FAILED;
        }
        exportId = started.exportId();
        ExportStatus last;
        try {
            last = await(engine.status(), exportId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.interrupted(exportId);
            return INTERRUPTED;
        } catch (RuntimeException e) {
            if (interrupted) {
                return INTERRUPTED; // the shutdown hook closed the engine under the poll
            }
            throw e;
        }
        if (last == null) {
            return INTERRUPTED;
        }
        progress.finish(last);
        out.println(outputRoot.resolve(exportId).toAbsolutePath());
        out.flush();
        return ExportState.fromName(last.status()) == ExportState.COMPLETED ? COMPLETED : FAILED;
    }

    /** Polls until the export finished; null when the command is being stopped. */
    private ExportStatus await(StatusTracker status, String id) throws InterruptedException {
        while (!interrupted) {
            ExportStatus s = status.status(id);
            ExportState state = ExportState.fromName(s.status());
            if (state != null && state.isFinished()) {
                return s;
            }
            progress.update(s);
            Thread.sleep(POLL_MILLIS);
        }
        return null;
    }

    /** Ctrl-C: stop the engine cleanly so the export keeps its checkpoints and resumes later. */
    private void onShutdown() {
        interrupted = true;
        if (engine != null && !closed.get()) {
            progress.interrupted(exportId);
            closeEngine();
        }
    }

    private void closeEngine() {
        OneShotEngine e = engine;
        if (e != null && closed.compareAndSet(false, true)) {
            e.close();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran: it closes the engine
        }
    }
}
