package com.exportservice.demo;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.DataTypesLoader;
import com.exportservice.config.FieldDef;
import com.exportservice.source.SchemaCheck;
import com.exportservice.source.SourceSchema;
import com.exportservice.source.SqlDialect;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {
    static final int ROWS = 2500;
    static final Instant ANCHOR = Instant.parse("2026-11-26T04:13:03.123456Z");

    static JdbcDataSource ds;
    static DemoSeedResult first;

    @BeforeAll
    static void seed() {
        ds = h2();
        first = DemoData.seed(ds, SqlDialect.H2, ROWS, ANCHOR);
    }

    static JdbcDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        return h2;
    }

    @Test
    void should_create_the_three_tables_and_fill_each_with_the_requested_rows() throws SQLException {
        assertThat(first.createdTables()).containsExactly("logs", "events", "metrics");
        assertThat(first.insertedRows()).containsExactly(Map.entry("logs", ROWS), Map.entry("events", ROWS), Map.entry("metrics", ROWS));
        for (String table : DemoData.TABLES) {
            assertThat(query("SELECT COUNT(*), MIN(ID), MAX(ID), COUNT(DISTINCT ID) FROM " + table))
                    .as(table).containsExactly((long) ROWS, 1L, (long) ROWS, (long) ROWS);
        }
    }

    @Test
    void should_carry_exactly_the_documented_imperfections_on_the_documented_ids() throws SQLException {
        for (String table : DemoData.TABLES) {
            List<DemoRows.Row> rows = DemoRows.read(ds, table, table, ANCHOR);
            for (DemoRows.Row row : rows) {
                DemoImperfection expected = DemoImperfection.of(table, row.id());
                assertThat(row.flaws()).as("%s id %d", table, row.id())
                        .isEqualTo(expected == null ? List.of() : List.of(expected));
            }
            Map<DemoImperfection, Integer> expected = DemoData.expectedImperfections(ROWS);
            expected.keySet().removeIf(k -> !k.table().equals(table));
            assertThat(DemoRows.count(rows)).as(table).isEqualTo(expected);
        }
    }

    @Test
    void should_count_imperfections_by_the_documented_formula() {
        assertThat(DemoData.expectedImperfections(100_000)).allSatisfy((k, n) -> assertThat(n).isEqualTo(167));
        assertThat(DemoData.expectedImperfections(ROWS).get(DemoImperfection.LOG_LEVEL_ALIAS_WARNING)).isEqualTo(5);
        assertThat(DemoData.expectedImperfections(ROWS).get(DemoImperfection.LOG_TIMESTAMP_FUTURE)).isEqualTo(4);
        assertThat(DemoData.expectedImperfections(10)).allSatisfy((k, n) -> assertThat(n).isZero());
        assertThat(DemoData.expectedInvalidRecords("logs", 100_000)).isEqualTo(6 * 167);
        assertThat(DemoData.expectedInvalidRecords("events", 100_000)).isEqualTo(6 * 167);
        assertThat(DemoData.expectedInvalidRecords("metrics", 100_000)).isEqualTo(5 * 167);
        assertThat(DemoData.expectedRuleFailures("events", 100_000))
                .containsEntry("required:user_id", 2 * 167).containsEntry("json:payload", 2 * 167);
        assertThat(DemoData.expectedRuleFailures("logs", 100_000))
                .containsEntry("required:message", 2 * 167).containsEntry("timestamp:timestamp", 167);
    }

    @Test
    void should_keep_between_one_and_two_percent_of_rows_imperfect() {
        for (String table : DemoData.TABLES) {
            int imperfect = DemoData.expectedImperfections(100_000).entrySet().stream()
                    .filter(e -> e.getKey().table().equals(table)).mapToInt(Map.Entry::getValue).sum();
            assertThat(imperfect).as(table).isBetween(1000, 2000);
        }
    }

    @Test
    void should_spread_timestamps_over_the_30_days_before_the_anchor_increasing_with_the_id() throws SQLException {
        for (String table : DemoData.TABLES) {
            List<DemoRows.Row> rows = DemoRows.read(ds, table, table, ANCHOR);
            List<DemoRows.Row> ordered = rows.stream()
                    .filter(r -> r.flaws().stream().noneMatch(k -> k.name().endsWith("TIMESTAMP_FUTURE"))).toList();
            Instant previous = Instant.MIN;
            for (DemoRows.Row r : ordered) {
                assertThat(r.ts()).as("%s id %d", table, r.id()).isAfter(previous)
                        .isBetween(ANCHOR.minus(Duration.ofDays(30)), ANCHOR);
                previous = r.ts();
            }
            assertThat(ordered.get(0).ts()).isBefore(ANCHOR.minus(Duration.ofDays(29)));
            assertThat(ordered.get(ordered.size() - 1).ts()).isAfter(ANCHOR.minus(Duration.ofDays(1)));
            // sub-millisecond parts exist, so exporters must truncate
            assertThat(ordered).anyMatch(r -> r.ts().getNano() % 1_000_000 != 0);
        }
    }

    @Test
    void should_leave_tables_that_hold_rows_alone() throws SQLException {
        JdbcDataSource other = h2();
        DemoData.seed(other, SqlDialect.H2, 50, ANCHOR);
        execute(other, "DELETE FROM METRICS WHERE ID > 10");

        DemoSeedResult again = DemoData.seed(other, SqlDialect.H2, 50, ANCHOR.plusSeconds(3600));

        assertThat(again.createdTables()).isEmpty();
        assertThat(again.insertedRows()).containsExactly(Map.entry("logs", 0), Map.entry("events", 0), Map.entry("metrics", 0));
        assertThat(rowsOf(other, "METRICS")).hasSize(10);
        assertThat(rowsOf(other, "LOGS")).hasSize(50);
    }

    @Test
    void should_not_alter_an_existing_table() throws SQLException {
        JdbcDataSource other = h2();
        execute(other, "CREATE TABLE LOGS (ID BIGINT PRIMARY KEY, LINE VARCHAR(100))");
        execute(other, "INSERT INTO LOGS VALUES (1, 'mine')");

        DemoSeedResult result = DemoData.seed(other, SqlDialect.H2, 20, ANCHOR);

        assertThat(result.createdTables()).containsExactly("events", "metrics");
        assertThat(result.insertedRows()).containsEntry("logs", 0).containsEntry("events", 20);
        assertThat(rowsOf(other, "LOGS")).containsExactly(List.of(1L, "mine"));
    }

    @Test
    void should_fill_a_table_that_exists_but_is_empty_with_the_same_content() throws SQLException {
        JdbcDataSource other = h2();
        DemoData.seed(other, SqlDialect.H2, 50, ANCHOR);
        List<List<Object>> before = rowsOf(other, "EVENTS");
        execute(other, "DELETE FROM EVENTS");

        DemoSeedResult refill = DemoData.seed(other, SqlDialect.H2, 50, ANCHOR);

        assertThat(refill.createdTables()).isEmpty();
        assertThat(refill.insertedRows()).containsExactly(Map.entry("logs", 0), Map.entry("events", 50), Map.entry("metrics", 0));
        assertThat(rowsOf(other, "EVENTS")).isEqualTo(before);
    }

    @Test
    void should_match_the_shipped_data_types_exactly() throws SQLException {
        DataTypes types = DataTypesLoader.loadDefault();
        JdbcDataSource fresh = h2();
        DemoData.seed(fresh, SqlDialect.H2, 10, ANCHOR);

        SourceSchema schema = SchemaCheck.check(types, fresh, SqlDialect.H2, "config/data-types.yaml");

        assertThat(types.all()).extracting(DataType::name).containsExactlyElementsOf(DemoData.TABLES);
        for (DataType t : types.all()) {
            List<String> declared = t.fields().stream().map(FieldDef::column).toList();
            assertThat(columnsOf(fresh, t.table())).as(t.name()).isEqualTo(declared);
            assertThat(schema.jdbcType(t.name(), t.timestampColumn())).isEqualTo(Types.TIMESTAMP);
            assertThat(schema.isZonedTimestamp(t.name(), t.timestampColumn())).isFalse();
        }
        assertThat(schema.dbColumnName("metrics", "value")).isEqualTo("VALUE");
        assertThat(schema.jdbcType("events", "amount")).isEqualTo(Types.DECIMAL);
        assertThat(schema.jdbcType("events", "success")).isEqualTo(Types.BOOLEAN);
    }

    @Test
    void should_seed_content_that_looks_like_real_data() throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT MESSAGE, METADATA, HOST, TRACE_ID FROM LOGS WHERE ID = 1");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).matches(".*\\b[a-z_]+=\\S+.*");
            rs = st.executeQuery("SELECT COUNT(DISTINCT LEVEL), COUNT(DISTINCT HOST), COUNT(DISTINCT SOURCE), "
                    + "SUM(CASE WHEN MESSAGE LIKE '%user=%' THEN 1 ELSE 0 END), SUM(CASE WHEN MESSAGE LIKE '%timeout%' THEN 1 ELSE 0 END) FROM LOGS");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(6 + 4);  // six levels plus warning, Warn, err, VERBOSE
            assertThat(rs.getInt(2)).isGreaterThan(5);
            assertThat(rs.getInt(3)).isGreaterThan(5);
            assertThat(rs.getInt(4)).isGreaterThan(ROWS / 4);
            assertThat(rs.getInt(5)).isGreaterThan(10);
            rs = st.executeQuery("SELECT COUNT(*), MIN(AMOUNT), MAX(AMOUNT) FROM EVENTS WHERE EVENT_TYPE = 'PURCHASE'");
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThan(ROWS / 20);
            assertThat(rs.getBigDecimal(2)).isPositive();
            rs = st.executeQuery("SELECT COUNT(DISTINCT NAME), COUNT(DISTINCT UNIT) FROM METRICS");
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(8);
        }
    }

    private static List<Object> query(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getLong(i));
            }
            return row;
        }
    }

    private static void execute(JdbcDataSource source, String sql) throws SQLException {
        try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> columnsOf(JdbcDataSource source, String table) throws SQLException {
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1=0")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnLabel(i).toLowerCase());
            }
            return names;
        }
    }

    private static List<List<Object>> rowsOf(JdbcDataSource source, String table) throws SQLException {
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY ID")) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
