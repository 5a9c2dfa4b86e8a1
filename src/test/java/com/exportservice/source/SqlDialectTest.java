package com.exportservice.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The few SQL differences between H2, PostgreSQL and MariaDB. */
class SqlDialectTest {

    @ParameterizedTest
    @CsvSource({
            "jdbc:h2:file:/srv/data/source, H2",
            "jdbc:postgresql://db:5432/app, POSTGRESQL",
            "JDBC:PostgreSQL://db/app, POSTGRESQL",
            "jdbc:mariadb://db:3306/app, MARIADB",
            "jdbc:mysql://db:3306/app, MARIADB"})
    void should_know_the_dialect_from_the_jdbc_url(String url, SqlDialect dialect) {
        assertThat(SqlDialect.fromJdbcUrl(url)).isEqualTo(dialect);
    }

    @Test
    void should_refuse_an_unsupported_database_naming_the_url() {
        assertThatThrownBy(() -> SqlDialect.fromJdbcUrl("jdbc:oracle:thin:@db:1521/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:oracle:thin:@db:1521/app")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void should_quote_identifiers_doubling_a_quote_inside() {
        assertThat(SqlDialect.H2.quote("logs")).isEqualTo("\"logs\"");
        assertThat(SqlDialect.POSTGRESQL.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(SqlDialect.MARIADB.quote("a`b")).isEqualTo("`a``b`");
    }

    @Test
    void should_spell_unquoted_names_as_each_catalog_stores_them() {
        assertThat(SqlDialect.H2.catalogCase("Logs")).isEqualTo("LOGS");
        assertThat(SqlDialect.POSTGRESQL.catalogCase("Logs")).isEqualTo("logs");
        assertThat(SqlDialect.MARIADB.catalogCase("Logs")).isEqualTo("Logs");
    }

    @Test
    void should_compare_null_safely_in_each_dialect() {
        assertThat(SqlDialect.POSTGRESQL.distinctFromParam("\"v\"")).isEqualTo("\"v\" IS DISTINCT FROM ?");
        assertThat(SqlDialect.MARIADB.distinctFromParam("`v`")).isEqualTo("NOT (`v` <=> ?)");
    }
}
