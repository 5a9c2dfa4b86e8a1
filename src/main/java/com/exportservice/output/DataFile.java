package com.exportservice.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * One data file of an export, written under {@code <finalName>.part} and renamed to its final name
 * by {@link #complete()}. Resumable: {@link #openForAppend(long)} cuts the temporary file back to the
 * bytes of the last checkpoint, undoing a batch that was only partly written. Not thread-safe.
 */
public final class DataFile implements Closeable {
    static final String TEMP_SUFFIX = ".part";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path finalPath;
    private final Path tempPath;
    private final TrailingSha256 hash;
    private ChannelOutputStream stream;

    public DataFile(Path dir, String finalName) {
        this(dir, finalName, "");
    }

    /**
     * A data file whose temporary name carries a tag before {@code .part}: in a cluster, the writing owner's
     * epoch ({@link EpochFiles}), so that an owner that lost the export can never write into its successor's file.
     */
    public DataFile(Path dir, String finalName, String tag) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(finalName, "finalName");
        if (finalName.isEmpty() || finalName.contains("/") || finalName.contains("\\") || finalName.equals("..")) {
            throw new IllegalArgumentException("not a plain file name: " + finalName);
        }
        this.finalPath = dir.resolve(finalName);
        if (!tag.isEmpty() && !tag.matches("\\.e[0-9]{1,19}")) {
            throw new IllegalArgumentException("not an epoch tag: " + tag);
        }
        this.tempPath = dir.resolve(finalName + tag + TEMP_SUFFIX);
        this.hash = new TrailingSha256(tempPath);
    }

    public Path finalPath() {
        return finalPath;
    }

    public Path tempPath() {
        return tempPath;
    }

    /**
     * Opens the temporary file (created when missing) cut back to {@code committedBytes} and returns a
     * buffered stream appending at its end. A stream opened before is closed first.
     *
     * @throws IOException also when the file holds fewer than {@code committedBytes} bytes: the
     *                     checkpoint does not match the file, so it cannot be resumed
     */
    public OutputStream openForAppend(long committedBytes) throws IOException {
        if (committedBytes < 0) {
            throw new IllegalArgumentException("committedBytes must be >= 0: " + committedBytes);
        }
        close();
        Files.createDirectories(tempPath.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(tempPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < committedBytes) {
                throw new IOException(tempPath + " holds " + size + " bytes, fewer than the " + committedBytes
                        + " of its checkpoint: it cannot be resumed");
            }
            channel.truncate(committedBytes);
            channel.position(committedBytes);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        hash.restart(committedBytes);
        stream = new ChannelOutputStream(channel, committedBytes, hash);
        return stream;
    }

    /** Bytes in the temporary file so far, including those still buffered: what a checkpoint records after a flush. */
    public long position() throws IOException {
        if (stream != null && stream.open) {
            return stream.position;
        }
        return Files.exists(tempPath) ? Files.size(tempPath) : 0L;
    }

    /** Flushes the buffer and forces the bytes to the storage device (for a checkpoint that must survive a power loss). */
    public void sync() throws IOException {
        if (stream != null && stream.open) {
            stream.flush();
            stream.channel.force(false);
        }
    }

    /**
     * The temporary file's SHA-256 (64 lower-case hex digits) once its last byte is written: hashed behind
     * the writer since it was opened ({@link TrailingSha256}), else read whole. Flushes the buffer first.
     */
    public String sha256() throws IOException {
        if (stream != null && stream.open) {
            stream.flush();
        }
        return hash.hex(position());
    }

    /** Flushes, forces and closes the temporary file and renames it to the final name, which it returns. */
    public Path complete() throws IOException {
        if (stream != null && stream.open) {
            stream.flush();
            stream.channel.force(true);
            stream.close();
        } else {
            if (!Files.exists(tempPath)) {
                throw new NoSuchFileException(tempPath.toString(), null, "nothing to complete");
            }
            try (FileChannel channel = FileChannel.open(tempPath, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        // the final name appears only with all bytes on disk
        AtomicFiles.rename(tempPath, finalPath);
        return finalPath;
    }

    /** Closes and deletes the temporary file; the final name is not touched. */
    public void discard() throws IOException {
        hash.abandon();
        try {
            close();
        } finally {
            Files.deleteIfExists(tempPath);
        }
    }

    /** Flushes and closes the temporary file without completing it (it can be resumed later). */
    @Override
    public void close() throws IOException {
        if (stream != null) {
            ChannelOutputStream s = stream;
            stream = null;
            s.close();
        }
    }

    /** A buffered stream writing at the channel's position, counting its own position so asking costs nothing. */
    private static final class ChannelOutputStream extends OutputStream {
        final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        private final TrailingSha256 hash;
        long position;
        boolean open = true;

        ChannelOutputStream(FileChannel channel, long position, TrailingSha256 hash) {
            this.channel = channel;
            this.position = position;
            this.hash = hash;
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ensureOpen();
            if (len > buffer.remaining()) {
                drain();
                if (len >= buffer.capacity()) {
                    ByteBuffer src = ByteBuffer.wrap(b, off, len);
                    while (src.hasRemaining()) {
                        channel.write(src);
                    }
                    position += len;
                    hash.written(position);
                    return;
                }
            }
            buffer.put(b, off, len);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            if (open) {
                drain();
            }
        }

        @Override
        public void close() throws IOException {
            if (!open) {
                return;
            }
            try {
                drain();
            } finally {
                open = false;
                channel.close();
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
            hash.written(position);
        }

        private void ensureOpen() throws IOException {
            if (!open) {
                throw new IOException("stream closed");
            }
        }
    }
}
