package com.exportservice.source;

import com.exportservice.config.FieldType;
import com.exportservice.testsupport.InMemoryH2;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java values the reading hands to the validator and transformer, per field type and column type,
 * read from a real (in-memory H2) table: these types are what validation and transformation dispatch
 * on, so a faster way of reading must keep every one of them (and SQL NULL as null, not 0 or false).
 */
class ColumnReaderTest {
    JdbcDataSource ds;

    @BeforeEach
    void table() throws SQLException {
        ds = InMemoryH2.dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, small INT, ts TIMESTAMP, tz TIMESTAMP WITH TIME ZONE, birthday DATE,"
                    + " name VARCHAR(20), price DECIMAL(10,2), ratio DOUBLE PRECISION, flag BOOLEAN, body CLOB)");
            s.execute("INSERT INTO t VALUES (1, 7, TIMESTAMP '2026-11-30 12:34:56.789', TIMESTAMP WITH TIME ZONE"
                    + " '2026-11-30 12:34:56.789+02:00', DATE '2026-11-30', 'Ann', 12.50, 0.25, TRUE, 'long text')");
            s.execute("INSERT INTO t VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        }
    }

    @Test
    void should_hand_over_longs_local_and_offset_date_times_decimals_doubles_booleans_and_strings() throws SQLException {
        assertThat(read(1, "id", FieldType.INTEGER, false)).isEqualTo(1L);
        assertThat(read(1, "small", FieldType.INTEGER, false)).isEqualTo(7L);
        assertThat(read(1, "small", FieldType.NUMBER, false)).isEqualTo(7L);
        assertThat(read(1, "ts", FieldType.TIMESTAMP, false)).isEqualTo(LocalDateTime.of(2026, 11, 30, 12, 34, 56, 789_000_000));
        assertThat(read(1, "tz", FieldType.TIMESTAMP, true))
                .isEqualTo(OffsetDateTime.of(2026, 11, 30, 12, 34, 56, 789_000_000, ZoneOffset.ofHours(2)));
        assertThat(read(1, "birthday", FieldType.TIMESTAMP, false)).isEqualTo(LocalDateTime.of(2026, 11, 30, 0, 0));
        assertThat(read(1, "name", FieldType.STRING, false)).isEqualTo("Ann");
        assertThat(read(1, "price", FieldType.NUMBER, false)).isEqualTo(new BigDecimal("12.50"));
        assertThat(read(1, "ratio", FieldType.NUMBER, false)).isEqualTo(0.25d);
        assertThat(read(1, "flag", FieldType.BOOLEAN, false)).isEqualTo(Boolean.TRUE);
        assertThat(read(1, "body", FieldType.TEXT, false)).isEqualTo("long text");
    }

    @Test
    void should_read_a_text_column_as_its_string_whatever_the_declared_type() throws SQLException {
        // a timestamp or number kept as text in the source is validated from its text, not converted by the driver
        assertThat(read(1, "name", FieldType.TIMESTAMP, false)).isEqualTo("Ann");
        assertThat(read(1, "name", FieldType.INTEGER, false)).isEqualTo("Ann");
    }

    @Test
    void should_hand_over_sql_null_as_null_for_every_kind() throws SQLException {
        assertThat(read(2, "small", FieldType.INTEGER, false)).isNull();
        assertThat(read(2, "ts", FieldType.TIMESTAMP, false)).isNull();
        assertThat(read(2, "tz", FieldType.TIMESTAMP, true)).isNull();
        assertThat(read(2, "birthday", FieldType.TIMESTAMP, false)).isNull();
        assertThat(read(2, "name", FieldType.STRING, false)).isNull();
        assertThat(read(2, "price", FieldType.NUMBER, false)).isNull();
        assertThat(read(2, "ratio", FieldType.NUMBER, false)).isNull();
        assertThat(read(2, "flag", FieldType.BOOLEAN, false)).isNull();
    }

    @Test
    void should_read_an_integer_key_as_a_long_and_any_other_key_as_its_string() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM t WHERE id = 1")) {
            rs.next();
            assertThat(ColumnReader.forKey(rs.getMetaData().getColumnType(1)).read(rs, 1)).isEqualTo(1L);
            assertThat(ColumnReader.forKey(rs.getMetaData().getColumnType(2)).read(rs, 2)).isEqualTo("Ann");
        }
    }

    /** The column of row {@code id} read by the reader chosen as SourceReader chooses it (from the driver's JDBC type). */
    private Object read(int id, String column, FieldType type, boolean zoned) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM t WHERE id = " + id)) {
            rs.next();
            return ColumnReader.forField(type, rs.getMetaData().getColumnType(1), zoned).read(rs, 1);
        }
    }
}
