package com.exportservice.source;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.request.Requests;
import com.exportservice.testsupport.TestMariaDb;
import com.exportservice.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs compiled filters against real H2, PostgreSQL and MariaDB tables and checks the exact matching
 * rows: the semantics of contract section 10 must hold the same on each database, and hostile
 * values must stay values.
 */
@Tag(TestPostgres.TAG)
class FilterCompilerIT {

    enum Db {
        H2(() -> "jdbc:h2:mem:filter_compiler_it;DB_CLOSE_DELAY=-1", "sa", "", SqlDialect.H2,
                "TIMESTAMP(3)", "CLOB", "DOUBLE PRECISION", "JSON", "? FORMAT JSON"),
        POSTGRESQL(() -> TestPostgres.baseUrl() + "test", TestPostgres.USER, TestPostgres.PASSWORD, SqlDialect.POSTGRESQL,
                "TIMESTAMP(3)", "TEXT", "DOUBLE PRECISION", "JSONB", "CAST(? AS JSONB)"),
        MARIADB(() -> TestMariaDb.baseUrl() + "test", TestMariaDb.USER, TestMariaDb.PASSWORD, SqlDialect.MARIADB,
                "DATETIME(3)", "TEXT", "DOUBLE", "JSON", "?");

        /** Asked on first use: the PostgreSQL may be started then, a missing MariaDB skips only its cases. */
        final Supplier<String> url;
        final String user;
        final String password;
        final SqlDialect dialect;
        final String timestampType;
        final String textType;
        final String doubleType;
        final String jsonType;
        final String jsonParam;

        Db(Supplier<String> url, String user, String password, SqlDialect dialect, String timestampType, String textType,
           String doubleType, String jsonType, String jsonParam) {
            this.url = url;
            this.user = user;
            this.password = password;
            this.dialect = dialect;
            this.timestampType = timestampType;
            this.textType = textType;
            this.doubleType = doubleType;
            this.jsonType = jsonType;
            this.jsonParam = jsonParam;
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url.get(), user, password);
        }
    }

    /** One table name per run, so that parallel or aborted runs never collide. */
    static final String TABLE = "fc_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final Map<Db, Connection> CONNECTIONS = new EnumMap<>(Db.class);

    static final DataType T = new DataType("t", TABLE, null, "id", "ts", List.of(
            FieldDef.of("id", FieldType.INTEGER),
            new FieldDef("ts", "timestamp", FieldType.TIMESTAMP, false, List.of(), Map.of(), null),
            new FieldDef("level", "level", FieldType.ENUM, false, List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"),
                    Map.of("warning", "WARN", "err", "ERROR", "crit", "FATAL"), null),
            FieldDef.of("message", FieldType.TEXT),
            FieldDef.of("host", FieldType.STRING),
            FieldDef.of("amount", FieldType.NUMBER),
            FieldDef.of("success", FieldType.BOOLEAN),
            FieldDef.of("payload", FieldType.JSON)));
    static final DataTypes TYPES = new DataTypes(List.of(T));

    /** id, ts, level, message, host, amount, success, payload */
    static final Object[][] ROWS = {
            {1, "2026-11-01T00:00:00", "WARN", "Disk 50% full", "web-1", 19.99, true, "{\"user\": \"Alice\"}"},
            {2, "2026-11-01T12:00:00", "warning", "disk_full on /var", "WEB-1", 5.0, false, "{\"user\": \"bob\"}"},
            {3, "2026-11-02T00:00:00", "Warn ", "Timeout!", "db_1", null, null, null},
            {4, "2026-11-02T00:00:00.500", "ERROR", "x' OR '1'='1", null, -3.5, true, "{\"a\": \"50%\"}"},
            {5, null, null, "\"; DROP TABLE logs; --", "web_2", 100.0, false, "[]"},
            {6, "2026-10-31T23:59:59.999", "err", "back\\slash", "web%1", 0.0, true, "{\"note\": \"a_b\"}"},
            {7, "2026-11-03T08:00:00", "INFO", "Plain", "webx1", 7.25, true, "{\"k\": 1}"},
    };

    static Stream<Arguments> cases() {
        Object[][] cases = {
                // request fragment (after data_types), matching ids
                {"", ids(1, 2, 3, 4, 5, 6, 7)},
                {"\"start_date\": \"2026-11-01\", \"end_date\": \"2026-11-02\"", ids(1, 2)},
                {"\"start_date\": \"2026-11-02T00:00:00Z\"", ids(3, 4, 7)},
                {"\"end_date\": \"2026-11-01T01:00:00+01:00\"", ids(6)},
                {"\"filters\": {\"id\": {\"in\": [2, 4, 99]}}", ids(2, 4)},
                {"\"filters\": {\"id\": {\"gte\": 6}}", ids(6, 7)},
                {"\"filters\": {\"id\": {\"gt\": \"5\", \"lte\": 6}}", ids(6)},
                {"\"filters\": {\"id\": {\"lt\": 2}}", ids(1)},
                {"\"filters\": {\"id\": {\"ne\": 3}}", ids(1, 2, 4, 5, 6, 7)},
                {"\"filters\": {\"id\": 3}", ids(3)},
                {"\"filters\": {\"timestamp\": {\"gte\": \"2026-11-02\"}}", ids(3, 4, 7)},
                {"\"filters\": {\"timestamp\": \"2026-11-02T00:00:00.500Z\"}", ids(4)},
                {"\"filters\": {\"timestamp\": {\"lt\": \"2026-11-01\"}}", ids(6)},
                {"\"filters\": {\"timestamp\": {\"ne\": \"2026-11-02\"}}", ids(1, 2, 4, 5, 6, 7)},
                {"\"filters\": {\"timestamp\": {\"is_null\": true}}", ids(5)},
                {"\"filters\": {\"level\": \"WARN\"}", ids(1, 2, 3)},
                {"\"filters\": {\"level\": \"warning\"}", ids(1, 2, 3)},
                {"\"filters\": {\"level\": [\"ERROR\", \"warn\"]}", ids(1, 2, 3, 4, 6)},
                {"\"filters\": {\"level\": {\"ne\": \"WARN\"}}", ids(4, 5, 6, 7)},
                {"\"filters\": {\"level\": {\"is_null\": true}}", ids(5)},
                {"\"filters\": {\"host\": \"web-1\"}", ids(1)},
                {"\"filters\": {\"host\": {\"ne\": \"web-1\"}}", ids(2, 3, 4, 5, 6, 7)},
                {"\"filters\": {\"host\": [\"web-1\", \"db_1\"]}", ids(1, 3)},
                {"\"filters\": {\"host\": {\"gt\": \"web-1\"}}", ids(5, 7)},
                {"\"filters\": {\"host\": {\"lte\": \"db_1\"}}", ids(2, 3)},
                {"\"filters\": {\"host\": {\"contains\": \"%\"}}", ids(6)},
                {"\"filters\": {\"host\": {\"contains\": \"_\"}}", ids(3, 5)},
                {"\"filters\": {\"host\": {\"starts_with\": \"WEB\"}}", ids(1, 2, 5, 6, 7)},
                {"\"filters\": {\"host\": {\"starts_with\": \"web_\"}}", ids(5)},
                {"\"filters\": {\"host\": {\"is_null\": false}}", ids(1, 2, 3, 5, 6, 7)},
                {"\"filters\": {\"message\": {\"contains\": \"DISK\"}}", ids(1, 2)},
                {"\"filters\": {\"message\": {\"contains\": \"50%\"}}", ids(1)},
                {"\"filters\": {\"message\": {\"contains\": \"!\"}}", ids(3)},
                {"\"filters\": {\"message\": {\"contains\": \"\\\\\"}}", ids(6)},
                {"\"filters\": {\"message\": {\"starts_with\": \"disk_\"}}", ids(2)},
                {"\"filters\": {\"message\": \"Plain\"}", ids(7)},
                {"\"filters\": {\"message\": {\"in\": [\"plain\", \"Timeout!\"]}}", ids(3)},
                {"\"filters\": {\"message\": {\"contains\": \"x' OR '1'='1\"}}", ids(4)},
                {"\"filters\": {\"message\": \"\\\"; DROP TABLE logs; --\"}", ids(5)},
                {"\"filters\": {\"amount\": {\"gt\": 0}}", ids(1, 2, 5, 7)},
                {"\"filters\": {\"amount\": \"19.99\"}", ids(1)},
                {"\"filters\": {\"amount\": {\"ne\": 5}}", ids(1, 3, 4, 5, 6, 7)},
                {"\"filters\": {\"amount\": {\"lte\": 0}}", ids(4, 6)},
                {"\"filters\": {\"amount\": {\"in\": [7.25, -3.5]}}", ids(4, 7)},
                {"\"filters\": {\"amount\": {\"is_null\": true}}", ids(3)},
                {"\"filters\": {\"success\": true}", ids(1, 4, 6, 7)},
                {"\"filters\": {\"success\": {\"ne\": \"true\"}}", ids(2, 3, 5)},
                {"\"filters\": {\"success\": [false]}", ids(2, 5)},
                {"\"filters\": {\"payload\": {\"contains\": \"alice\"}}", ids(1)},
                {"\"filters\": {\"payload\": {\"contains\": \"50%\"}}", ids(4)},
                {"\"filters\": {\"payload\": {\"contains\": \"_\"}}", ids(6)},
                {"\"filters\": {\"payload\": {\"starts_with\": \"[\"}}", ids(5)},
                {"\"filters\": {\"payload\": {\"is_null\": false}}", ids(1, 2, 4, 5, 6, 7)},
                {"\"start_date\": \"2026-11-01\", \"filters\": {\"level\": \"WARN\", \"host\": {\"starts_with\": \"web\"}}", ids(1, 2)},
                {"\"filters\": {\"host\": \"x' OR '1'='1\"}", ids()},
                {"\"filters\": {\"host\": [\"'); DROP TABLE " + TABLE + "; --\", \"%\"]}", ids()},
                {"\"filters\": {\"message\": {\"starts_with\": \"%\"}}", ids()},
        };
        List<Arguments> args = new ArrayList<>();
        for (Db db : Db.values()) {
            for (Object[] c : cases) {
                args.add(Arguments.of(db, c[0], c[1]));
            }
        }
        return args.stream();
    }

    static List<Integer> ids(Integer... ids) {
        return List.of(ids);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void should_select_exactly_the_matching_rows(Db db, String fragment, List<Integer> expected) throws Exception {
        Connection c = table(db);
        String request = "{\"data_types\": [\"t\"]" + (fragment.isEmpty() ? "" : ", " + fragment) + "}";
        ExportConfig config = ExportConfigParser.parse(Requests.tree(request), TYPES);

        SqlQuery where = FilterCompiler.compile(T, config, db.dialect, (column, instant) -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC));

        assertThat(select(c, db, where)).as("%s on %s", where, db).containsExactlyElementsOf(expected);
    }

    private static List<Integer> select(Connection c, Db db, SqlQuery where) throws SQLException {
        String sql = "SELECT " + db.dialect.quote("id") + " FROM " + db.dialect.quote(TABLE) + " WHERE " + where.sql()
                + " ORDER BY " + db.dialect.quote("id");
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < where.params().size(); i++) {
                ps.setObject(i + 1, where.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return ids;
    }

    /** The connection to a database holding the test table, created with the rows on first use. */
    private static synchronized Connection table(Db db) throws SQLException {
        Connection existing = CONNECTIONS.get(db);
        if (existing != null) {
            return existing;
        }
        Connection c = db.connect();
        CONNECTIONS.put(db, c);
        SqlDialect d = db.dialect;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + d.quote(TABLE) + " (" + d.quote("id") + " INTEGER PRIMARY KEY, "
                    + d.quote("ts") + " " + db.timestampType + " NULL, " + d.quote("level") + " VARCHAR(20), "
                    + d.quote("message") + " " + db.textType + ", " + d.quote("host") + " VARCHAR(100), "
                    + d.quote("amount") + " " + db.doubleType + ", " + d.quote("success") + " BOOLEAN, "
                    + d.quote("payload") + " " + db.jsonType + ")");
        }
        String insert = "INSERT INTO " + d.quote(TABLE) + " VALUES (?, ?, ?, ?, ?, ?, ?, " + db.jsonParam + ")";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (Object[] row : ROWS) {
                ps.setInt(1, (Integer) row[0]);
                ps.setObject(2, row[1] == null ? null : LocalDateTime.parse((String) row[1]), java.sql.Types.TIMESTAMP);
                ps.setObject(3, row[2], java.sql.Types.VARCHAR);
                ps.setObject(4, row[3], java.sql.Types.VARCHAR);
                ps.setObject(5, row[4], java.sql.Types.VARCHAR);
                ps.setObject(6, row[5] == null ? null : BigDecimal.valueOf((Double) row[5]), java.sql.Types.DOUBLE);
                ps.setObject(7, row[6], java.sql.Types.BOOLEAN);
                ps.setObject(8, row[7], java.sql.Types.VARCHAR);
                ps.executeUpdate();
            }
        }
        return c;
    }

    @AfterAll
    static void dropTables() throws SQLException {
        for (Map.Entry<Db, Connection> e : CONNECTIONS.entrySet()) {
            try (Connection c = e.getValue(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + e.getKey().dialect.quote(TABLE));
            }
        }
        CONNECTIONS.clear();
    }
}
