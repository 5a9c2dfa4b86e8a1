package com.exportservice.output;

import java.io.IOException;
import java.nio.file.Path;

/** Writes an export's {@code manifest.json}. */
public final class ManifestWriter {
    public static final String FILE_NAME = "manifest.json";

    private ManifestWriter() {
    }

    /** Writes (or replaces) {@code <exportDir>/manifest.json} atomically and returns its path. */
    public static Path write(Path exportDir, Manifest manifest) throws IOException {
        Path file = exportDir.resolve(FILE_NAME);
        JsonFiles.writeAtomically(file, manifest);
        return file;
    }

    /** Moves the manifest written into {@code fromDir} to {@code toDir}, atomically (a reader sees it whole or not at all). */
    public static void move(Path fromDir, Path toDir) throws IOException {
        AtomicFiles.rename(fromDir.resolve(FILE_NAME), toDir.resolve(FILE_NAME));
    }
}
