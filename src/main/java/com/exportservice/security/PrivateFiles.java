package com.exportservice.security;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files and directories only the service's own user may read: rwx------ for directories, rw------- for
 * files, where the file system has POSIX permissions (elsewhere nothing is changed).
 */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** A new empty file, private from the start (no moment in which others could open it). */
    static Path createFile(Path dir, String prefix, String suffix) throws IOException {
        if (!POSIX) {
            return Files.createTempFile(dir, prefix, suffix);
        }
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(FILE);
        return Files.createTempFile(dir, prefix, suffix, attr);
    }

    /**
     * Creates the directory when missing and makes it and the files directly in it private: an existing
     * directory from an older version, readable by everyone, is closed too.
     */
    public static void restrictDirectory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
        restrictFilesIn(dir);
    }

    /** Makes the regular files directly in the directory private (files the databases created since). */
    public static void restrictFilesIn(Path dir) throws IOException {
        if (!POSIX || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(f, FILE);
                }
            }
        }
    }

    /** Makes one file private, when it exists. */
    public static void restrictFile(Path file) throws IOException {
        if (POSIX && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }
}
