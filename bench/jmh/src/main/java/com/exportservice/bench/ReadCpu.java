package com.exportservice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * The reading side alone: the batches of the benchmark table {@code logs} read as the export's
 * SourceReader reads them (keyset queries of 2000 rows, a statement per batch on one connection,
 * auto-commit off, the fetch size the batch, each column read as its ColumnReader does: id by getLong,
 * ts as a LocalDateTime, the rest by getString), timed in the CPU of the reading thread and wall time,
 * with driver settings from the URL's query string.
 * {@code java -cp target/benchmarks.jar com.exportservice.bench.ReadCpu [URL-SUFFIX] [DB]}, for example
 * {@code ?binaryTransfer=false} or {@code ?prepareThreshold=1}.
 */
public final class ReadCpu {
    private static final String COLUMNS = "SELECT \"id\", \"ts\", \"level\", \"message\", \"source\", \"host\", \"trace_id\", \"metadata\""
            + " FROM \"logs\" WHERE (1=1) AND \"id\" <= ?";
    private static final int BATCH = 2000;

    private ReadCpu() {
    }

    public static void main(String[] args) throws SQLException {
        String suffix = args.length > 0 ? args[0] : "";
        String db = args.length > 1 ? args[1] : "exportbench_1000000";
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db + suffix, "postgres", "")) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            for (int round = 0; round <= 3; round++) { // round 0 warms up
                long cpu = mx.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                long rows = readAll(c);
                if (round > 0) {
                    System.out.printf("%s: %d rows, reading thread %.2f s CPU, %.2f s wall%n", suffix.isEmpty() ? "(defaults)" : suffix,
                            rows, (mx.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9);
                }
            }
        }
    }

    private static long readAll(Connection c) throws SQLException {
        Long after = null;
        long rows = 0;
        long sink = 0;
        while (true) {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + (after == null ? "" : " AND \"id\" > ?") + " ORDER BY \"id\" LIMIT ?")) {
                ps.setFetchSize(BATCH);
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
