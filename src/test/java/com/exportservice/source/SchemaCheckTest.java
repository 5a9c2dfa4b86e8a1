package com.exportservice.source;

import com.exportservice.config.ConfigException;
import com.exportservice.config.DataTypesLoader;
import com.exportservice.testsupport.InMemoryH2;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaCheckTest {
    static final String FILE = "config/data-types.yaml";

    JdbcDataSource ds;

    @BeforeEach
    void database() throws SQLException {
        ds = InMemoryH2.dataSource();
        execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, created_at TIMESTAMP, status VARCHAR(10), total DECIMAL(10,2))",
                "CREATE TABLE \"mixedCase\" (\"Id\" BIGINT PRIMARY KEY, \"When\" TIMESTAMP WITH TIME ZONE, \"value\" VARCHAR(10))",
                "CREATE TABLE badts (id BIGINT PRIMARY KEY, ts INTEGER, ts_text VARCHAR(30), due DATE)");
    }

    @Test
    void should_return_database_spellings_and_jdbc_types_of_a_valid_definition() {
        SourceSchema schema = check("""
                data-types:
                  orders:
                    table: orders
                    id-column: id
                    timestamp-column: created_at
                    fields:
                      id: { type: integer }
                      created_at: { type: timestamp }
                      Status: { type: string }
                """);

        assertThat(schema.dbTableName("orders")).isEqualTo("ORDERS");
        assertThat(schema.dbColumnName("orders", "Status")).isEqualTo("STATUS");
        assertThat(schema.dbColumnName("orders", "status")).isEqualTo("STATUS");
        assertThat(schema.jdbcType("orders", "id")).isEqualTo(Types.BIGINT);
        assertThat(schema.jdbcType("orders", "created_at")).isEqualTo(Types.TIMESTAMP);
        assertThat(schema.isZonedTimestamp("orders", "created_at")).isFalse();
    }

    @Test
    void should_find_tables_and_columns_created_with_quoted_names() {
        SourceSchema schema = check("""
                data-types:
                  mixed:
                    table: mixedCase
                    id-column: Id
                    timestamp-column: When
                    fields:
                      Id: { type: integer }
                      value: { type: string }
                """);

        assertThat(schema.dbTableName("mixed")).isEqualTo("mixedCase");
        assertThat(schema.dbColumnName("mixed", "value")).isEqualTo("value");
        assertThat(schema.isZonedTimestamp("mixed", "When")).isTrue();
        assertThat(schema.jdbcType("mixed", "When")).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Test
    void should_report_a_missing_table() {
        assertThatThrownBy(() -> check("""
                data-types:
                  things:
                    table: thingz
                    id-column: id
                    fields: { id: { type: integer } }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/data-types.yaml: data type 'things': table 'thingz' not found in the source database");
    }

    @Test
    void should_report_missing_columns_listing_the_ones_that_exist() {
        assertThatThrownBy(() -> check("""
                data-types:
                  orders:
                    table: orders
                    id-column: order_id
                    timestamp-column: created
                    fields:
                      id: { type: integer }
                      statsu: { type: string }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage(String.join("\n",
                        "config/data-types.yaml: data type 'orders': field 'statsu': column 'statsu' not found in table 'ORDERS' "
                                + "(columns: ID, CREATED_AT, STATUS, TOTAL)",
                        "config/data-types.yaml: data type 'orders': id-column 'order_id' not found in table 'ORDERS' "
                                + "(columns: ID, CREATED_AT, STATUS, TOTAL)",
                        "config/data-types.yaml: data type 'orders': timestamp-column 'created' not found in table 'ORDERS' "
                                + "(columns: ID, CREATED_AT, STATUS, TOTAL)"));
    }

    @Test
    void should_reject_a_timestamp_column_that_holds_no_time() {
        assertThatThrownBy(() -> check("""
                data-types:
                  bad:
                    table: badts
                    id-column: id
                    timestamp-column: ts
                    fields: { id: { type: integer } }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/data-types.yaml: data type 'bad': timestamp-column 'ts' has type INTEGER; "
                        + "expected a date/time column (DATE, TIMESTAMP) or text holding ISO-8601 timestamps");
    }

    @Test
    void should_accept_date_and_text_timestamp_columns() {
        SourceSchema schema = check("""
                data-types:
                  a: { table: badts, id-column: id, timestamp-column: ts_text, fields: { id: { type: integer } } }
                  b: { table: badts, id-column: id, timestamp-column: due, fields: { id: { type: integer } } }
                """);

        assertThat(schema.jdbcType("a", "ts_text")).isEqualTo(Types.VARCHAR);
        assertThat(schema.jdbcType("b", "due")).isEqualTo(Types.DATE);
    }

    @Test
    void should_check_a_query_data_type_by_its_result_columns() {
        SourceSchema schema = check("""
                data-types:
                  big_orders:
                    query: "select id, created_at as placed, total * 100 as cents from orders where total > 100"
                    id-column: id
                    timestamp-column: placed
                    fields:
                      id: { type: integer }
                      placed: { type: timestamp }
                      cents: { type: number }
                """);

        assertThat(schema.dbTableName("big_orders")).isNull();
        assertThat(schema.dbColumnName("big_orders", "placed")).isEqualTo("PLACED");
        assertThat(schema.jdbcType("big_orders", "placed")).isEqualTo(Types.TIMESTAMP);
    }

    @Test
    void should_report_a_query_that_fails_and_missing_query_columns() {
        assertThatThrownBy(() -> check("""
                data-types:
                  broken:
                    query: "select id from nowhere"
                    id-column: id
                    fields: { id: { type: integer } }
                  narrow:
                    query: "select id from orders"
                    id-column: id
                    fields: { id: { type: integer }, status: { type: string } }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/data-types.yaml: data type 'broken': query failed: Table \"NOWHERE\" not found")
                .hasMessageEndingWith("\nconfig/data-types.yaml: data type 'narrow': field 'status': column 'status' not found in the query (columns: ID)");
    }

    @Test
    void should_report_every_data_type_with_problems_in_one_exception() {
        assertThatThrownBy(() -> check("""
                data-types:
                  one: { table: nope1, id-column: id, fields: { id: { type: integer } } }
                  two: { table: nope2, id-column: id, fields: { id: { type: integer } } }
                  fine: { table: orders, id-column: id, fields: { id: { type: integer } } }
                """))
                .hasMessage("config/data-types.yaml: data type 'one': table 'nope1' not found in the source database\n"
                        + "config/data-types.yaml: data type 'two': table 'nope2' not found in the source database");
    }

    @Test
    void should_report_an_unreachable_database() {
        JdbcDataSource nowhere = new JdbcDataSource();
        nowhere.setURL("jdbc:h2:file:/nonexistent/dir/db;IFEXISTS=TRUE");

        assertThatThrownBy(() -> SchemaCheck.check(DataTypesLoader.parse(
                "data-types:\n  a: { table: a, id-column: id, fields: { id: { type: integer } } }\n", FILE), nowhere, SqlDialect.H2, FILE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/data-types.yaml: cannot check the data types against the source database: ");
    }

    private SourceSchema check(String yaml) {
        return SchemaCheck.check(DataTypesLoader.parse(yaml, FILE), ds, SqlDialect.H2, FILE);
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
