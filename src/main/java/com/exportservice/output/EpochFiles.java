package com.exportservice.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster mode: each owner of an export writes its data files under names tagged with its ownership epoch
 * ({@code logs.jsonl.e7.part}). A node that lost the export (paused, cut off) may still hold its file open
 * and write one more buffer when it wakes up: those bytes land in its own file, which no one reads any
 * more, never in its successor's. The successor starts by copying the committed bytes into a file of its
 * own ({@link #adopt}); the earlier files are deleted (a late writer writes into an unlinked file).
 */
public final class EpochFiles {
    private EpochFiles() {
    }

    /** The temporary-name tag of an owner's files ({@code .e7}). */
    public static String tag(long epoch) {
        return ".e" + epoch;
    }

    /**
     * Gives the owner of {@code epoch} its own temporary file of {@code finalName} holding the first
     * {@code committedBytes} bytes (those of the last checkpoint) of the newest earlier owner's file that
     * holds that many (the untagged single-node {@code .part} counts as epoch 0); then deletes the earlier files.
     * Nothing is copied when the file exists already or no earlier file holds the bytes (the data type then
     * starts over, as after a restart that lost the file).
     *
     * @return whether this owner's file holds the committed bytes now
     */
    public static boolean adopt(Path dir, String finalName, long epoch, long committedBytes) throws IOException {
        Path own = dir.resolve(finalName + tag(epoch) + DataFile.TEMP_SUFFIX);
        Map<Long, Path> earlier = earlier(dir, finalName, epoch);
        boolean held = Files.exists(own) && Files.size(own) >= committedBytes;
        if (!held && committedBytes > 0) {
            for (Path from : earlier.values()) {
                if (Files.size(from) >= committedBytes) {
                    copyPrefix(from, own, committedBytes);
                    held = true;
                    break;
                }
            }
        }
        for (Path old : earlier.values()) {
            Files.deleteIfExists(old);
        }
        return held;
    }

    /** Earlier owners' temporary files of {@code finalName}, newest epoch first. */
    private static Map<Long, Path> earlier(Path dir, String finalName, long epoch) throws IOException {
        Map<Long, Path> found = new TreeMap<>(Comparator.reverseOrder());
        if (!Files.isDirectory(dir)) {
            return found;
        }
        String prefix = finalName + ".e";
        List<Path> names = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.forEach(names::add);
        }
        for (Path p : names) {
            String name = p.getFileName().toString();
            if (name.equals(finalName + DataFile.TEMP_SUFFIX)) {
                found.put(0L, p);
            } else if (name.startsWith(prefix) && name.endsWith(DataFile.TEMP_SUFFIX)) {
                String digits = name.substring(prefix.length(), name.length() - DataFile.TEMP_SUFFIX.length());
                if (digits.matches("[0-9]{1,18}") && Long.parseLong(digits) < epoch) {
                    found.put(Long.parseLong(digits), p);
                }
            }
        }
        return found;
    }

    /** Copies the first {@code bytes} of {@code from} to {@code to} (forced to disk, then renamed into place). */
    private static void copyPrefix(Path from, Path to, long bytes) throws IOException {
        Path copying = to.resolveSibling(to.getFileName() + ".copying");
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(copying, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = 0;
            while (done < bytes) {
                long n = in.transferTo(done, bytes - done, out);
                if (n <= 0) {
                    throw new IOException(from + " ended after " + done + " of the " + bytes + " bytes to copy");
                }
                done += n;
            }
            out.force(true);
        }
        AtomicFiles.rename(copying, to);
    }
}
