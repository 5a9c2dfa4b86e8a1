package com.exportservice.cli;

/** What the command says when it is stopped (Ctrl-C) while its export runs. */
final class Interruption {
    private Interruption() {
    }

    static String message(String exportId) {
        if (exportId == null) {
            return "interrupted before the export was started";
        }
        return "interrupted: export " + exportId + " stops at its last checkpoint and continues when the service starts again";
    }
}
