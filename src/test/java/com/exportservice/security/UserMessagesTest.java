package com.exportservice.security;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class UserMessagesTest {
    @Test
    void should_leave_out_the_sql_a_driver_quotes_back() {
        SQLException h2 = new SQLException("Value too long for column \"NAME CHARACTER VARYING(200)\": \"'xxx' (201)\"; SQL statement:\n"
                + "INSERT INTO export_runs (export_id, name) VALUES (?, ?) [22001-232]", "22001", 22001);
        SQLException pg = new SQLException("ERROR: column \"levle\" does not exist\n  Position: 8", "42703");

        assertThat(UserMessages.of(h2)).isEqualTo("database error (SQL state 22001): Value too long for column "
                + "\"NAME CHARACTER VARYING(200)\": \"'xxx' (201)\"").doesNotContain("INSERT");
        assertThat(UserMessages.of(pg)).isEqualTo("database error (SQL state 42703): ERROR: column \"levle\" does not exist");
    }

    @Test
    void should_name_no_java_class_and_keep_to_one_bounded_line() {
        IOException io = new IOException("org.h2.jdbc.JdbcSQLNonTransientException: java.io.IOException: No space left on device\nat x");

        assertThat(UserMessages.of(io)).isEqualTo("No space left on device at x");
        assertThat(UserMessages.of(new IllegalStateException("x".repeat(2000)))).hasSize(UserMessages.MAX + 1);
        assertThat(UserMessages.of(new NullPointerException())).isEqualTo("unexpected error");
    }
}
