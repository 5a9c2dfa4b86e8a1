package com.exportservice.demo;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.DataTypesLoader;
import com.exportservice.source.SchemaCheck;
import com.exportservice.source.SourceSchema;
import com.exportservice.source.SqlDialect;
import com.exportservice.testsupport.TestMariaDb;
import com.exportservice.testsupport.TestPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds the demo tables into a throw-away schema of a real PostgreSQL ({@link TestPostgres}) and a
 * database of the MariaDB on this machine ({@link TestMariaDb}), checks them against the shipped data
 * types, and compares the content with H2's, so the demo behaves the same on every supported database.
 */
class DemoDataIT {
    static final int ROWS = 1300;
    static final Instant ANCHOR = Instant.parse("2026-11-26T04:13:03.123456Z");

    @Test
    @Tag(TestPostgres.TAG)
    void should_seed_and_pass_the_schema_check_on_postgresql() throws Exception {
        String pgUrl = TestPostgres.baseUrl() + "test";
        String schema = "demo_it_" + suffix();
        try (Connection admin = DriverManager.getConnection(pgUrl, TestPostgres.USER, TestPostgres.PASSWORD); Statement st = admin.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            try {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(pgUrl + "?currentSchema=" + schema);
                ds.setUser(TestPostgres.USER);
                ds.setPassword(TestPostgres.PASSWORD);

                seedAndVerify(ds, SqlDialect.POSTGRESQL);

                st.execute("CREATE TABLE " + schema + ".zoned (id BIGINT PRIMARY KEY, at TIMESTAMPTZ)");
                SourceSchema zoned = SchemaCheck.check(DataTypesLoader.parse("""
                        data-types:
                          zoned: { table: zoned, id-column: id, timestamp-column: at, fields: { id: { type: integer }, at: { type: timestamp } } }
                          zoned_query: { query: "select id, at as happened from zoned", id-column: id, fields: { happened: { type: timestamp } } }
                        """, "it.yaml"), ds, SqlDialect.POSTGRESQL, "it.yaml");
                assertThat(zoned.isZonedTimestamp("zoned", "at")).isTrue();
                assertThat(zoned.isZonedTimestamp("zoned_query", "happened")).isTrue();
                assertThat(zoned.isZonedTimestamp("zoned", "id")).isFalse();
            } finally {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void should_seed_and_pass_the_schema_check_on_mariadb() throws Exception {
        String mariadbUrl = TestMariaDb.baseUrl();
        String database = "demo_it_" + suffix();
        try (Connection admin = DriverManager.getConnection(mariadbUrl + "test", TestMariaDb.USER, TestMariaDb.PASSWORD);
             Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
            try {
                MariaDbDataSource ds = new MariaDbDataSource(mariadbUrl + database);
                ds.setUser(TestMariaDb.USER);
                ds.setPassword(TestMariaDb.PASSWORD);

                seedAndVerify(ds, SqlDialect.MARIADB);
            } finally {
                st.execute("DROP DATABASE " + database);
            }
        }
    }

    private static void seedAndVerify(DataSource ds, SqlDialect dialect) throws SQLException {
        DemoSeedResult result = DemoData.seed(ds, dialect, ROWS, ANCHOR);

        assertThat(result.createdTables()).containsExactly("logs", "events", "metrics");
        assertThat(result.insertedRows()).containsExactly(Map.entry("logs", ROWS), Map.entry("events", ROWS), Map.entry("metrics", ROWS));

        DataTypes types = DataTypesLoader.loadDefault();
        SourceSchema schema = SchemaCheck.check(types, ds, dialect, "config/data-types.yaml");
        for (DataType t : types.all()) {
            assertThat(schema.jdbcType(t.name(), t.timestampColumn())).as(t.name()).isEqualTo(Types.TIMESTAMP);
            assertThat(schema.isZonedTimestamp(t.name(), t.timestampColumn())).as(t.name()).isFalse();
        }

        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:demo-it-" + suffix() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        DemoData.seed(h2, SqlDialect.H2, ROWS, ANCHOR);
        for (String table : DemoData.TABLES) {
            List<DemoRows.Row> rows = DemoRows.read(ds, table, table, ANCHOR);
            Map<DemoImperfection, Integer> expected = DemoData.expectedImperfections(ROWS);
            expected.keySet().removeIf(k -> !k.table().equals(table));
            assertThat(DemoRows.count(rows)).as(table).isEqualTo(expected);
            assertThat(rows).as("same ids, timestamps (to the microsecond) and imperfections as in H2")
                    .isEqualTo(DemoRows.read(h2, table, table, ANCHOR));
            assertThat(texts(ds, table)).as("same text, control characters and non-ASCII letters as in H2")
                    .isEqualTo(texts(h2, table));
        }

        DemoSeedResult again = DemoData.seed(ds, dialect, ROWS, ANCHOR);
        assertThat(again.createdTables()).isEmpty();
        assertThat(again.totalInserted()).isZero();
    }

    /** Every text column of every row, in id order. */
    private static List<String> texts(DataSource ds, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    int type = rs.getMetaData().getColumnType(i);
                    if (type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR) {
                        out.add(rs.getString(i));
                    }
                }
            }
        }
        return out;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
