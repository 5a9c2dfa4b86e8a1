package com.exportservice.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The SHA-256 of a file while it is written: the bytes its writer has handed to the file are read back
 * (from the page cache) and hashed on a background thread, behind the writer, so the checksum the
 * manifest needs is ready when the file is. Hashing the whole file after its last byte took 0.4-0.5 s of
 * a 1M-row export on the export's thread while the other core idled (bench/README.md).
 * <p>
 * The tasks of one file run in order, one at a time. A file cut back ({@link #restart}) starts a new
 * digest from its first byte; work queued for the old one is skipped. Any failure of the background
 * reading falls back to reading the whole file in {@link #hex}. Not thread-safe: one writer calls it.
 */
final class TrailingSha256 {
    private static final int READ_SIZE = 256 * 1024;
    /** Bytes handed over before they are queued for hashing: a task per megabyte, not per buffer. */
    private static final long STEP = 1024 * 1024;
    /** The JVM's hashing threads: daemons, ended when idle for a minute. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "export-sha256");
        t.setDaemon(true);
        return t;
    });

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_SIZE);
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile Digest current;
    private long queued;

    TrailingSha256(Path file) {
        this.file = file;
    }

    /** The file now holds exactly {@code bytes} (it was opened and perhaps cut back): hash it from its start. */
    void restart(long bytes) {
        current = new Digest();
        queued = 0;
        queue(bytes);
    }

    /** The writer has handed the file all bytes up to {@code bytes}: hash them behind it, a step at a time. */
    void written(long bytes) {
        if (bytes - queued >= STEP) {
            queue(bytes);
        }
    }

    private void queue(long bytes) {
        Digest d = current;
        if (d == null || bytes <= queued) {
            return;
        }
        long from = queued;
        queued = bytes;
        tail = tail.thenRunAsync(() -> d.read(from, bytes), THREADS);
    }

    /** Nothing more will be written and the file holds {@code bytes}: its SHA-256 as 64 lower-case hex digits. */
    String hex(long bytes) throws IOException {
        queue(bytes);
        Digest d = current;
        try {
            tail.join();
            if (d != null && d.failure == null) {
                return HexFormat.of().formatHex(d.digest.digest());
            }
        } catch (CompletionException e) {
            // a task failed (the file was replaced or removed under it): read it whole below
        } finally {
            current = null;
            if (d != null) {
                d.closeChannel();
            }
        }
        return Sha256.hex(file);
    }

    /** Stops hashing (the file is discarded). */
    void abandon() {
        Digest d = current;
        current = null;
        if (d != null) {
            tail.whenComplete((v, e) -> d.closeChannel());
        }
    }

    /** One pass over the file from its first byte; the tasks of a file share the read buffer, one at a time. */
    private final class Digest {
        final MessageDigest digest = Sha256.newDigest();
        FileChannel channel;
        IOException failure;

        void read(long from, long to) {
            if (current != this || failure != null) {
                return; // restarted or abandoned meanwhile
            }
            try {
                if (channel == null) {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                }
                long at = from;
                while (at < to) {
                    buffer.clear().limit((int) Math.min(READ_SIZE, to - at));
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        throw new IOException(file + " ended at " + at + " bytes, before the " + to + " written");
                    }
                    buffer.flip();
                    digest.update(buffer);
                    at += n;
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        void closeChannel() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // a read-only channel: nothing was lost
            }
        }
    }
}
