package com.exportservice.source;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.DataTypesLoader;
import com.exportservice.record.ExportRecord;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.Requests;
import com.exportservice.testsupport.InMemoryH2;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the source on a real (in-memory H2) database: the plan, batches by key range up to the
 * high-water mark, incremental starts, samples, and request dates bound in the source's time zone.
 */
class SourceReaderTest {
    static final String DEFINITIONS = """
            data-types:
              items:
                table: items
                id-column: id
                timestamp-column: created
                fields:
                  id:      { type: integer }
                  created: { type: timestamp }
                  color:   { type: string }
              named:
                table: named
                id-column: code
                fields:
                  code:  { type: string }
              reds:
                query: "select id, color from items where color = 'red'"
                id-column: id
                fields:
                  id:    { type: integer }
                  color: { type: string }
            """;

    JdbcDataSource ds;
    DataTypes types;
    SourceReader reader;

    @BeforeEach
    void source() throws SQLException {
        ds = InMemoryH2.dataSource();
        execute("CREATE TABLE items (id BIGINT PRIMARY KEY, created TIMESTAMP, color VARCHAR(10))",
                "CREATE TABLE named (code VARCHAR(10) PRIMARY KEY)");
        for (int id = 1; id <= 10; id++) {
            // 2026-11-01T00:00 + id hours, in the source's wall-clock time
            execute("INSERT INTO items VALUES (" + id + ", TIMESTAMP '2026-11-01 00:00:00' + INTERVAL '" + id + "' HOUR, '"
                    + (id % 2 == 0 ? "red" : "blue") + "')");
        }
        connect(ZoneOffset.UTC);
    }

    @Test
    void should_plan_the_high_water_mark_and_count_the_matching_rows() throws SQLException {
        DataTypePlan plan = reader.plan(type("items"), request("{\"data_types\": [\"items\"], \"filters\": {\"color\": \"red\"}}"));

        assertThat(plan.highWaterMark()).isEqualTo(10L);
        assertThat(plan.totalRecords()).isEqualTo(5);
        assertThat(plan.totalBatches(2)).isEqualTo(3);
    }

    @Test
    void should_split_the_matching_rows_into_key_ranges_of_about_equal_rows() throws SQLException {
        ExportConfig red = request("{\"data_types\": [\"items\"], \"filters\": {\"color\": \"red\"}}");
        DataTypePlan plan = reader.plan(type("items"), red);

        // red rows 2, 4, 6, 8, 10: partitions (, 2] (2, 6] (6, 10] of 1, 2 and 2 rows
        List<Object> lastKeys = reader.splitKeys(type("items"), red, null, plan.highWaterMark(), plan.totalRecords(), 3);
        assertThat(lastKeys).containsExactly(2L, 6L);
        assertThat(KeySplit.bounds(null, lastKeys, plan.highWaterMark())).containsExactly(null, "2", "6", "10");

        // an incremental start: only the rows after key 4 are split
        DataTypePlan after = reader.plan(type("items"), red, 4L);
        assertThat(reader.splitKeys(type("items"), red, 4L, after.highWaterMark(), after.totalRecords(), 2)).containsExactly(6L);
    }

    @Test
    void should_read_every_matching_row_once_in_key_order_batch_after_batch() throws SQLException {
        ExportConfig config = request("{\"data_types\": [\"items\"], \"batch_size\": 4}");

        List<Batch> batches = readAll(type("items"), config, null);

        assertThat(batches).extracting(Batch::size).containsExactly(4, 4, 2);
        assertThat(batches).extracting(Batch::complete).containsExactly(false, false, true);
        assertThat(batches.get(1).afterKey()).isEqualTo(4L);
        assertThat(ids(batches)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void should_leave_out_rows_added_above_the_high_water_mark_taken_at_the_start() throws SQLException {
        ExportConfig config = request("{\"data_types\": [\"items\"], \"batch_size\": 5}");
        DataTypePlan plan = reader.plan(type("items"), config);
        execute("INSERT INTO items VALUES (11, TIMESTAMP '2026-11-02 00:00:00', 'red')");

        List<Batch> batches = readAll(type("items"), config, plan.highWaterMark());

        assertThat(ids(batches)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(batches.get(batches.size() - 1).complete()).as("the high-water mark ends the data type").isTrue();
    }

    @Test
    void should_count_only_rows_after_the_key_an_incremental_export_starts_from() throws SQLException {
        DataTypePlan plan = reader.plan(type("items"), request("{\"data_types\": [\"items\"]}"), 7L);

        assertThat(plan.totalRecords()).isEqualTo(3);
        assertThat(plan.highWaterMark()).isEqualTo(10L);
    }

    @Test
    void should_plan_an_empty_table_without_mark_and_read_it_as_one_empty_complete_batch() throws SQLException {
        ExportConfig config = request("{\"data_types\": [\"named\"]}");
        DataTypePlan plan = reader.plan(type("named"), config);

        Batch batch = reader.read(reader.prepare(type("named"), config, plan.highWaterMark()), null);

        assertThat(plan.highWaterMark()).isNull();
        assertThat(plan.totalRecords()).isZero();
        assertThat(batch.records()).isEmpty();
        assertThat(batch.complete()).isTrue();
    }

    @Test
    void should_read_a_query_data_type_as_it_reads_a_table() throws SQLException {
        ExportConfig config = request("{\"data_types\": [\"reds\"], \"batch_size\": 2}");

        List<Batch> batches = readAll(type("reds"), config, null);

        assertThat(ids(batches)).containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(batches.get(0).records().get(0).values()).containsExactly(2L, "red");
    }

    @Test
    void should_sample_at_most_the_asked_number_of_records_from_the_start() throws SQLException {
        ExportConfig config = request("{\"data_types\": [\"items\"]}");

        List<ExportRecord> sample = reader.sample(type("items"), config, reader.plan(type("items"), config), 3,
                QueryGuard.perStatement(java.time.Duration.ofSeconds(30), "test"));

        assertThat(sample).extracting(ExportRecord::key).containsExactly(1L, 2L, 3L);
        assertThat(sample.get(0).values()[1]).isEqualTo(LocalDateTime.parse("2026-11-01T01:00"));
    }

    @Test
    void should_compare_request_dates_with_zone_less_timestamps_in_the_source_time_zone() throws SQLException {
        // 03:00 in Berlin (UTC+1 in November) is 02:00Z: rows 3.. are at or after it
        connect(ZoneId.of("Europe/Berlin"));
        ExportConfig config = request("{\"data_types\": [\"items\"], \"start_date\": \"2026-11-01T02:00:00Z\"}");

        assertThat(reader.plan(type("items"), config).totalRecords()).isEqualTo(8);
    }

    @Test
    void should_restore_a_persisted_key_to_the_type_the_driver_binds() {
        assertThat(reader.parseKey(type("items"), "42")).isEqualTo(42L);
        assertThat(reader.parseKey(type("named"), "042")).isEqualTo("042");
        assertThat(reader.parseKey(type("items"), null)).isNull();
    }

    private List<Batch> readAll(DataType type, ExportConfig config, Object highWaterMark) throws SQLException {
        Object hwm = highWaterMark != null ? highWaterMark : reader.plan(type, config).highWaterMark();
        BatchQuery query = reader.prepare(type, config, hwm);
        List<Batch> batches = new ArrayList<>();
        Object after = null;
        Batch batch;
        do {
            batch = reader.read(query, after);
            batches.add(batch);
            after = batch.lastKey();
        } while (!batch.complete());
        return batches;
    }

    private static List<Object> ids(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.records().stream()).map(ExportRecord::key).toList();
    }

    private void connect(ZoneId sourceZone) {
        DataTypes declared = DataTypesLoader.parse(DEFINITIONS, "test");
        SourceSchema schema = SchemaCheck.check(declared, ds, SqlDialect.H2, "test");
        types = CatalogNames.resolve(declared, schema);
        reader = new SourceReader(ds, SqlDialect.H2, schema, sourceZone, QueryGuard.perStatement(java.time.Duration.ofSeconds(30), "test"));
    }

    private DataType type(String name) {
        return types.get(name).orElseThrow();
    }

    private ExportConfig request(String json) {
        return Requests.parse(json, types);
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
