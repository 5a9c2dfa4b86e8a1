package com.exportservice.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams a zip of an export's files to a caller's stream: the download of an export written without
 * compression (the zip of a compressed export is packed by the export route, camel-zipfile).
 */
public final class ZipPackager {
    private final int level;

    /** Deflate at the default level. */
    public ZipPackager() {
        this(Deflater.DEFAULT_COMPRESSION);
    }

    /** Deflate at {@code level}: 0-9, or -1 for the default. */
    public ZipPackager(int level) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("zip level must be -1..9: " + level);
        }
        this.level = level;
    }

    /** Streams a zip of {@code files} to {@code out}, which is flushed but left open. */
    public void writeZip(List<Path> files, OutputStream out) throws IOException {
        // closing the zip stream ends its Deflater; the shield keeps the caller's stream open
        try (ZipOutputStream zip = new ZipOutputStream(new UnclosableOutputStream(out))) {
            zip.setLevel(level);
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(file.getFileName().toString());
                entry.setLastModifiedTime(Files.getLastModifiedTime(file));
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    private static final class UnclosableOutputStream extends OutputStream {
        private final OutputStream out;

        UnclosableOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
