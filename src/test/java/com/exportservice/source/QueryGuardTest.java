package com.exportservice.source;

import com.exportservice.testsupport.InMemoryH2;
import com.exportservice.testsupport.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A guard bounds and cancels real statements (on H2, which implements both). */
class QueryGuardTest {
    /** Minutes of work for H2 unless stopped. */
    private static final String ENDLESS = "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000000000) WHERE MOD(X, 7) = 3";
    private final JdbcDataSource ds = InMemoryH2.dataSource();

    @Test
    void should_stop_a_statement_at_its_deadline_and_say_which_setting_set_it() throws Exception {
        QueryGuard guard = QueryGuard.deadline(Duration.ofSeconds(1), "exporter.source.preview-timeout", Clock.systemUTC());

        assertThatThrownBy(() -> run(guard)).isInstanceOf(SQLTimeoutException.class)
                .hasMessage("the source database did not answer within PT1S (exporter.source.preview-timeout)");
    }

    @Test
    void should_cancel_the_running_statement_from_another_thread() throws Exception {
        QueryGuard guard = QueryGuard.deadline(Duration.ofMinutes(10), "exporter.source.preview-timeout", Clock.systemUTC());
        CompletableFuture<Object> query = CompletableFuture.supplyAsync(() -> {
            try {
                return run(guard);
            } catch (SQLException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(this::running);

        guard.cancel();

        Object outcome = query.get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(SQLException.class).isNotInstanceOf(SQLTimeoutException.class);
        assertThat(((SQLException) outcome).getMessage()).isEqualTo("the query was cancelled: its client went away");
        assertThat(guard.isCancelled()).isTrue();
        assertThat(running()).as("H2 stopped executing it").isFalse();
        assertThatThrownBy(() -> run(guard)).as("no statement starts after a cancel").hasMessageContaining("cancelled");
    }

    @Test
    void should_give_each_statement_its_own_time_under_a_per_statement_guard() throws Exception {
        QueryGuard guard = QueryGuard.perStatement(Duration.ofSeconds(5), "exporter.source.query-timeout");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            guard.starting(ps);
            assertThat(ps.getQueryTimeout()).isEqualTo(5);
            guard.finished(ps);
        }
    }

    @Test
    void should_start_no_statement_once_the_deadline_passed_and_give_the_next_one_the_time_left() throws Exception {
        Instant start = Instant.parse("2026-11-26T04:13:03Z");
        MutableClock clock = new MutableClock(start);
        QueryGuard guard = QueryGuard.deadline(Duration.ofSeconds(30), "exporter.source.preview-timeout", clock);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            clock.set(start.plusMillis(20_500));
            guard.starting(ps);
            assertThat(ps.getQueryTimeout()).as("9.5 s left, in whole seconds up").isEqualTo(10);
            guard.finished(ps);

            clock.set(start.plusSeconds(30));
            assertThatThrownBy(() -> guard.starting(ps)).isInstanceOf(SQLTimeoutException.class);
        }
    }

    private Object run(QueryGuard guard) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(ENDLESS)) {
            Instant started = Instant.now();
            guard.starting(ps);
            try {
                return ps.executeQuery().next();
            } catch (SQLException e) {
                throw guard.explain(e, started);
            } finally {
                guard.finished(ps);
            }
        }
    }

    /** Whether H2 is executing the endless query (seen from another session, as an operator would). */
    private boolean running() throws SQLException {
        try (Connection c = ds.getConnection(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE 'SELECT COUNT(*) FROM SYSTEM_RANGE%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
