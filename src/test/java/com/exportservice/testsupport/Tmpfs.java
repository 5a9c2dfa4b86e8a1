package com.exportservice.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small RAM file system (tmpfs) mounted on a directory, for a disk that fills up for real. Mounting
 * needs root (as the tests run under {@code .ci/run}); elsewhere the test is skipped, or fails under
 * {@link RequiredService#REQUIRE_ALL}.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code sizeBytes} on {@code dir} (created when missing). */
    public static Tmpfs mount(Path dir, long sizeBytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String problem = run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs", dir.toString());
        RequiredService.require("a tmpfs mount", problem, "run the tests as root (as .ci/run does), where mount(8) may mount a tmpfs");
        return new Tmpfs(dir);
    }

    /** Gives the file system a new size, keeping its files: "space freed". */
    public void resize(long sizeBytes) throws IOException, InterruptedException {
        String problem = run("mount", "-o", "remount,size=" + sizeBytes, dir.toString());
        if (problem != null) {
            throw new IOException("cannot resize the tmpfs on " + dir + ": " + problem);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String problem = run("umount", "-l", dir.toString());
        if (problem != null) {
            throw new IOException("cannot unmount the tmpfs on " + dir + ": " + problem);
        }
    }

    /** Runs a command; null when it succeeded, else why not. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not end within 30 s";
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 ? null : String.join(" ", command) + " failed (" + p.exitValue() + "): " + output;
    }
}
