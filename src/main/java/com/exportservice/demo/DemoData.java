package com.exportservice.demo;

import com.exportservice.source.SqlDialect;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates and fills the demo tables {@code logs}, {@code events} and {@code metrics} that the shipped
 * config/data-types.yaml describes, in H2, PostgreSQL or MariaDB. The content is deterministic (a
 * function of the id and the anchor only) and realistic: log messages with {@code key=value} pairs,
 * hosts, 32-hex trace ids, JSON metadata; user events with amounts and JSON payloads; metrics with
 * units and JSON tags. Ids are 1..n and timestamps increase with the id over the 30 days before the
 * anchor, with microsecond parts. About 1-2% of the rows carry deliberate imperfections, chosen by id;
 * {@link DemoImperfection} documents them and {@link #expectedImperfections(int)} counts them.
 *
 * <p>Idempotent: a missing table is created, an empty one is filled, a table holding any row is left
 * alone. Timestamps are stored in columns without zone, as UTC.
 */
public final class DemoData {
    public static final List<String> TABLES = List.of(DemoLogs.NAME, DemoEvents.NAME, DemoMetrics.NAME);

    private static final List<DemoTable> DEMO_TABLES = List.of(new DemoLogs(), new DemoEvents(), new DemoMetrics());
    /** Rows per JDBC batch, and per commit: small enough to keep the transaction log short. */
    private static final int BATCH = 1000;
    private static final int COMMIT_EVERY = 5000;

    private DemoData() {
    }

    /**
     * Creates the demo tables when missing and fills each empty one with {@code rowsPerTable} rows.
     *
     * @param anchor the end of the 30-day window the timestamps fall in (usually now)
     * @throws IllegalStateException when the database refuses (the message names the table)
     */
    public static DemoSeedResult seed(DataSource ds, SqlDialect dialect, int rowsPerTable, Instant anchor) {
        if (rowsPerTable < 0) {
            throw new IllegalArgumentException("rowsPerTable must not be negative: " + rowsPerTable);
        }
        long started = System.nanoTime();
        List<String> created = new ArrayList<>();
        Map<String, Integer> inserted = new LinkedHashMap<>();
        DemoTimeline timeline = new DemoTimeline(anchor, rowsPerTable);
        try (Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            try {
                c.setAutoCommit(true);
                for (DemoTable t : DEMO_TABLES) {
                    if (createIfMissing(c, dialect, t)) {
                        created.add(t.name());
                    }
                }
                for (DemoTable t : DEMO_TABLES) {
                    inserted.put(t.name(), isEmpty(c, dialect, t) ? fill(c, dialect, t, rowsPerTable, timeline) : 0);
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding the demo tables failed: " + e.getMessage(), e);
        }
        return new DemoSeedResult(created, inserted, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Per imperfection, how many of the ids 1..rows carry it (see {@link DemoImperfection}). */
    public static Map<DemoImperfection, Integer> expectedImperfections(int rows) {
        Map<DemoImperfection, Integer> m = new EnumMap<>(DemoImperfection.class);
        for (DemoImperfection k : DemoImperfection.values()) {
            m.put(k, k.count(rows));
        }
        return m;
    }

    /** How many of the rows 1..rows of a demo table fail validation (each has exactly one imperfection kind). */
    public static int expectedInvalidRecords(String table, int rows) {
        int n = 0;
        for (DemoImperfection k : DemoImperfection.values()) {
            if (k.table().equals(table) && k.invalid()) {
                n += k.count(rows);
            }
        }
        return n;
    }

    /** Per validation rule of a demo table, how many of the rows 1..rows fail it. */
    public static Map<String, Integer> expectedRuleFailures(String table, int rows) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (DemoImperfection k : DemoImperfection.values()) {
            if (k.table().equals(table)) {
                for (String rule : k.rules()) {
                    m.merge(rule, k.count(rows), Integer::sum);
                }
            }
        }
        return m;
    }

    /** The CREATE TABLE and CREATE INDEX statements of a demo table in a dialect. */
    static List<String> ddl(SqlDialect dialect, DemoTable t) {
        String columns = t.columns().stream()
                .map(col -> id(dialect, col.name()) + " " + sqlType(dialect, col.type()))
                .collect(Collectors.joining(", "));
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + id(dialect, t.name()) + " (" + columns + ")",
                "CREATE INDEX IF NOT EXISTS " + id(dialect, t.name() + "_" + t.timestampColumn() + "_idx")
                        + " ON " + id(dialect, t.name()) + " (" + id(dialect, t.timestampColumn()) + ")");
    }

    /** MariaDB's TIMESTAMP is zone-converted and ends in 2038; DATETIME is the plain local timestamp. */
    private static String sqlType(SqlDialect dialect, String type) {
        return dialect == SqlDialect.MARIADB && type.equals("TIMESTAMP") ? "DATETIME(6)" : type;
    }

    /**
     * Quoted in the case the database gives unquoted names, so definitions written in lower case find
     * them; quoting also keeps H2 from rejecting {@code value}, a keyword there.
     */
    private static String id(SqlDialect dialect, String name) {
        return dialect.quote(dialect.catalogCase(name));
    }

    /** An existing table is not touched, not even indexed: it may be the user's own. */
    private static boolean createIfMissing(Connection c, SqlDialect dialect, DemoTable t) throws SQLException {
        if (exists(c, dialect, dialect.catalogCase(t.name()))) {
            return false;
        }
        try (Statement st = c.createStatement()) {
            for (String sql : ddl(dialect, t)) {
                st.execute(sql);
            }
        }
        return true;
    }

    private static boolean exists(Connection c, SqlDialect dialect, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        // MariaDB calls its databases catalogs; the others keep tables in the connection's schema.
        String catalog = dialect == SqlDialect.MARIADB ? c.getCatalog() : null;
        String schema = dialect == SqlDialect.MARIADB ? null : c.getSchema();
        try (ResultSet rs = md.getTables(catalog, schema, table, null)) {
            return rs.next();
        }
    }

    private static boolean isEmpty(Connection c, SqlDialect dialect, DemoTable t) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM " + id(dialect, t.name()) + " LIMIT 1")) {
            return !rs.next();
        }
    }

    private static int fill(Connection c, SqlDialect dialect, DemoTable t, int rows, DemoTimeline timeline) throws SQLException {
        String sql = "INSERT INTO " + id(dialect, t.name()) + " ("
                + t.columns().stream().map(col -> id(dialect, col.name())).collect(Collectors.joining(", "))
                + ") VALUES (" + t.columns().stream().map(col -> "?").collect(Collectors.joining(", ")) + ")";
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long id = 1; id <= rows; id++) {
                t.bind(ps, id, timeline);
                ps.addBatch();
                if (id % BATCH == 0) {
                    ps.executeBatch();
                }
                if (id % COMMIT_EVERY == 0) {
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw new SQLException("table " + t.name() + ": " + e.getMessage(), stateOf(e), e);
        } finally {
            c.setAutoCommit(true);
        }
        return rows;
    }

    private static String stateOf(Exception e) {
        return e instanceof SQLException s ? s.getSQLState() : null;
    }
}
