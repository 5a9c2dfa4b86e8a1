package com.exportservice.cluster;

import com.exportservice.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The Quartz tables created in a real PostgreSQL store by three nodes starting at the same moment, and again. */
@Tag(TestPostgres.TAG)
class QuartzSchemaIT {

    @Test
    void should_create_the_quartz_tables_once_when_nodes_start_together_and_leave_them_alone_afterwards() throws Exception {
        String database = "triggers_qrtz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + database);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (HikariDataSource store = new HikariDataSource()) {
            store.setJdbcUrl(TestPostgres.baseUrl() + database);
            store.setUsername(TestPostgres.USER);
            store.setPassword(TestPostgres.PASSWORD);
            store.setMaximumPoolSize(3);
            CyclicBarrier start = new CyclicBarrier(3);
            List<Future<Object>> nodes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                nodes.add(threads.submit(() -> {
                    start.await();
                    QuartzSchema.create(store);
                    return null;
                }));
            }
            for (Future<Object> node : nodes) {
                node.get();
            }
            try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ('export-service', 'TRIGGER_ACCESS')");
            }

            QuartzSchema.create(store);

            try (Connection c = store.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz\\_%'), "
                         + "(SELECT COUNT(*) FROM qrtz_locks)")) {
                rs.next();
                assertThat(rs.getInt(1)).as("Quartz tables").isEqualTo(11);
                assertThat(rs.getInt(2)).as("rows kept").isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", TestPostgres.USER, TestPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
