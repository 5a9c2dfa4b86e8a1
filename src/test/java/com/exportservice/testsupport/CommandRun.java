package com.exportservice.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a command-line entry point answered: its exit code and everything it printed to stdout and stderr. */
public record CommandRun(int code, String out, String err) {
    /** An entry point that prints to the streams it is given and returns its exit code. */
    @FunctionalInterface
    public interface Command {
        int run(PrintStream out, PrintStream err);
    }

    /** Runs {@code command} in this thread, capturing both streams as UTF-8. */
    public static CommandRun of(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
