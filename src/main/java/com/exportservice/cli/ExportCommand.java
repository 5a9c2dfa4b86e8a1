package com.exportservice.cli;

import java.io.PrintStream;

/** The one-shot command (contract section 8). */
public final class ExportCommand {
    private ExportCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("the one-shot export command is not available yet");
        return 2;
    }
}
