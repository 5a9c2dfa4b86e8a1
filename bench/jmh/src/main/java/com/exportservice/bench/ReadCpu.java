package com.exportservice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;

/**
 * The reading side alone: the batches of the benchmark table {@code logs} read as the export's
 * SourceReader reads them (keyset queries of 2000 rows, a statement per batch on one connection,
 * auto-commit off, the fetch size the batch, each column read as its ColumnReader does: id by getLong,
 * ts as a LocalDateTime, the rest by getString), timed in the CPU of the reading thread and wall time,
 * with driver settings from the URL's query string; also the CPU that PostgreSQL's backend serving the
 * connection spent meanwhile ({@code /proc/<backend pid>/stat}: the server shares the machine's cores), and
 * round 0, the cold one (a 1M-row export reads with code still being compiled).
 * {@code java [-Dfetch=N] -cp target/benchmarks.jar com.exportservice.bench.ReadCpu [URL-SUFFIX] [DB]}, for
 * example {@code ?binaryTransfer=false} or {@code ?prepareThreshold=1}; {@code -Dfetch} sets the fetch size
 * (default the batch, 2000; 0: the whole result in one go).
 */
public final class ReadCpu {
    private static final String COLUMNS = "SELECT \"id\", \"ts\", \"level\", \"message\", \"source\", \"host\", \"trace_id\", \"metadata\""
            + " FROM \"logs\" WHERE (1=1) AND \"id\" <= ?";
    private static final int BATCH = 2000;
    private static final int FETCH = Integer.getInteger("fetch", BATCH);

    private ReadCpu() {
    }

    public static void main(String[] args) throws SQLException {
        String suffix = args.length > 0 ? args[0] : "";
        String db = args.length > 1 ? args[1] : "exportbench_1000000";
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db + suffix, "postgres", "")) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            int backend;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend = rs.getInt(1);
            }
            c.rollback();
            for (int round = 0; round <= 3; round++) { // round 0: cold
                long cpu = mx.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                long server = cpuTicks(backend);
                long rows = readAll(c);
                System.out.printf("%s fetch %d, round %d%s: %d rows, reading thread %.2f s CPU, %.2f s wall, backend %.2f s CPU%n",
                        suffix.isEmpty() ? "(defaults)" : suffix, FETCH, round, round == 0 ? " (cold)" : "", rows,
                        (mx.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9,
                        (cpuTicks(backend) - server) / 100.0);
            }
        }
    }

    /** User and system time of a local process in clock ticks (100 a second on Linux), -100 if unreadable. */
    private static long cpuTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -100; // the server on another machine or in a container
        }
    }

    private static long readAll(Connection c) throws SQLException {
        Long after = null;
        long rows = 0;
        long sink = 0;
        while (true) {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + (after == null ? "" : " AND \"id\" > ?") + " ORDER BY \"id\" LIMIT ?")) {
                ps.setFetchSize(FETCH);
                int i = 1;
                ps.setObject(i++, Long.MAX_VALUE);
                if (after != null) {
                    ps.setObject(i++, after);
                }
                ps.setInt(i, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] values = new Object[8];
                        long id = rs.getLong(1);
                        values[0] = rs.wasNull() ? null : id;
                        values[1] = rs.getObject(2, LocalDateTime.class);
                        for (int col = 3; col <= 8; col++) {
                            values[col - 1] = rs.getString(col);
                        }
                        sink += values.length;
                        after = id;
                        n++;
                    }
                }
            }
            c.rollback();
            rows += n;
            if (n < BATCH) {
                return sink >= 0 ? rows : -1; // the values used, so none is optimised away
            }
        }
    }
}
