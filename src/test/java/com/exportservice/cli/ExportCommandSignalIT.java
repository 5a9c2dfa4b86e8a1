package com.exportservice.cli;

import com.exportservice.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The one-shot command as users run it, in a process of its own ({@code java -jar target/export-service.jar
 * export}), stopped by a signal while its export runs. The export is held on purpose: its data type is a
 * query on PostgreSQL that waits for an advisory lock this test holds, and the signal is sent only once
 * the export's read is seen waiting for it. So the signal always arrives while the export runs, however
 * fast or slow the machine; the lock is let go once the command has said it was interrupted.
 */
@Tag(TestPostgres.TAG)
class ExportCommandSignalIT {
    static final long GATE = 4242;
    static final Path JAR = Path.of("target/export-service.jar").toAbsolutePath();

    @TempDir
    Path workingDir;
    String database;

    /** A process's output, line by line, as it comes. */
    static final class Output {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        Output(InputStream in) {
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    r.lines().forEach(lines::add);
                } catch (IOException | UncheckedIOException e) {
                    // the stream closed under the reader: the process ended
                }
            }, "command-output");
            reader.setDaemon(true);
            reader.start();
        }

        boolean has(String start) {
            return lines.stream().anyMatch(l -> l.startsWith(start));
        }

        /** Waits until the process closed the stream: every line is read. */
        Output complete() throws InterruptedException {
            reader.join(TimeUnit.MINUTES.toMillis(1));
            return this;
        }

        @Override
        public String toString() {
            return String.join("\n", lines);
        }
    }

    record Outcome(int exitCode, Output out, Output err) {
    }

    @BeforeEach
    void gatedSource() throws Exception {
        database = "exp_signal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + database, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gated (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            s.execute("INSERT INTO gated SELECT g, 'row ' || g FROM generate_series(1, 50) g");
        }
        Files.createDirectories(workingDir.resolve("config"));
        // every read of the data type first takes the gate's lock shared: it waits while this test holds it
        Files.writeString(workingDir.resolve("config/data-types.yaml"), """
                data-types:
                  gated:
                    query: "select g.id, g.v from gated g cross join lateral (select pg_advisory_xact_lock_shared(%d)) gate"
                    id-column: id
                    fields:
                      id: { type: integer }
                      v:  { type: string }
                """.formatted(GATE));
    }

    @AfterEach
    void dropSource() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @ParameterizedTest(name = "SIG{0} -> {1}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void should_exit_128_plus_the_signal_when_stopped_while_the_export_runs(String signal, int status) throws Exception {
        // a program started in the background without job control (`cmd &` in a script) inherits SIGINT ignored,
        // as its children do: the JVM then rightly leaves ^C alone, and no command could be interrupted by it
        assumeFalse(signal.equals("INT") && ignoredHere(2),
                "SIGINT is ignored by this process tree (started in the background without job control); run the build in the foreground");
        Outcome o = interruptRunningExport(signal);

        assertThat(o.exitCode()).as("exit status; stderr:\n%s", o.err()).isEqualTo(status);
        assertThat(o.out().lines).as("no export directory: the export did not end").isEmpty();
        assertThat(o.err().has("interrupted: export exp-")).as(o.err().toString()).isTrue();
    }

    private Outcome interruptRunningExport(String signal) throws Exception {
        assertThat(JAR).as("built by mvn package before the integration tests").isRegularFile();
        try (Connection gate = DriverManager.getConnection(TestPostgres.baseUrl() + database, "postgres", "");
             Statement s = gate.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + GATE + ")");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dexporter.source.url=" + TestPostgres.baseUrl() + database, "-Dexporter.source.username=postgres",
                    "-jar", JAR.toString(), "export", "--data-types", "gated", "--batch-size", "10")
                    .directory(workingDir.toFile()).start();
            try {
                Output out = new Output(p.getInputStream());
                Output err = new Output(p.getErrorStream());
                // the export runs: its first read waits for the gate
                await().atMost(Duration.ofMinutes(2)).until(() -> waitingForGate(s) || !p.isAlive());
                assertThat(p.isAlive()).as("the command runs; its stderr:\n%s", err).isTrue();

                new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
                await().atMost(Duration.ofMinutes(1)).until(() -> err.has("interrupted: ") || !p.isAlive());
                s.execute("SELECT pg_advisory_unlock(" + GATE + ")");

                assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
                return new Outcome(p.exitValue(), out.complete(), err.complete());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /** Whether this process (and so every child it starts) ignores the signal: bit {@code signal - 1} of SigIgn. */
    private static boolean ignoredHere(int signal) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << (signal - 1))) != 0;
            }
        }
        return false;
    }

    /** Whether a session waits for the gate's lock (the export's read). */
    private static boolean waitingForGate(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND objid = " + GATE)) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
