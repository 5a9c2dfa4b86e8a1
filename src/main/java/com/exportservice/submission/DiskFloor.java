package com.exportservice.submission;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free-space floor of the output directory ({@code exporter.output.min-free-disk}): below it no new
 * export (nor a retry) is admitted, and the client gets 507 {@code insufficient_storage}. Exports already
 * running are not stopped by it; one that fills the disk fails on its own with a clear message.
 *
 * @param outputRoot where export directories go (need not exist yet: its nearest existing parent is measured)
 * @param minFreeBytes the floor; 0 turns the check off
 */
public record DiskFloor(Path outputRoot, long minFreeBytes) {
    public static final String SETTING = "exporter.output.min-free-disk";

    /** @throws RequestException 507 when the output directory's file system has less free space than the floor */
    public void check() {
        if (minFreeBytes <= 0) {
            return;
        }
        long free;
        try {
            free = store().getUsableSpace();
        } catch (IOException e) {
            throw new RequestException(507, "insufficient_storage", "the free space of the output directory cannot be measured: "
                    + e.getMessage());
        }
        if (free < minFreeBytes) {
            throw new RequestException(507, "insufficient_storage", "the output directory's disk has " + megabytes(free)
                    + " free, less than the " + megabytes(minFreeBytes) + " kept free (" + SETTING + "); free space, then try again");
        }
    }

    private FileStore store() throws IOException {
        Path p = outputRoot.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IOException(outputRoot + " has no existing parent");
        }
        return Files.getFileStore(p);
    }

    private static String megabytes(long bytes) {
        return bytes >= 10L << 20 ? (bytes >> 20) + " MB" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
