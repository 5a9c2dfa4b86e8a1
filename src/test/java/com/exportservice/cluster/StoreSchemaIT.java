package com.exportservice.cluster;

import com.exportservice.status.Partitions;
import com.exportservice.status.StateStore;
import com.exportservice.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes of a cluster starting at the same moment on an empty PostgreSQL store: each creates the store's tables
 * (StateStore, Partitions, NodeRegistry's index, Quartz's, the inbox's), and none fails on another's
 * concurrent {@code CREATE … IF NOT EXISTS}.
 */
@Tag(TestPostgres.TAG)
class StoreSchemaIT {
    private static final int NODES = 3;
    /** Fresh stores to start on: one round does not always hit the race without the lock. */
    private static final int ROUNDS = 4;

    @Test
    void should_start_every_node_when_nodes_create_the_store_tables_together() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(NODES);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String database = TestPostgres.createDatabase("store_ddl_");
                try (HikariDataSource store = new HikariDataSource()) {
                    store.setJdbcUrl(TestPostgres.baseUrl() + database);
                    store.setUsername(TestPostgres.USER);
                    store.setPassword(TestPostgres.PASSWORD);
                    store.setMaximumPoolSize(NODES);
                    CyclicBarrier start = new CyclicBarrier(NODES);
                    List<Future<Object>> nodes = new ArrayList<>();
                    for (int i = 0; i < NODES; i++) {
                        String node = "node-" + i;
                        nodes.add(threads.submit(() -> {
                            start.await();
                            startUp(store, node);
                            return null;
                        }));
                    }
                    for (Future<Object> node : nodes) {
                        node.get(); // a failed start-up throws here
                    }
                    try (Connection c = store.getConnection(); Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cluster_nodes")) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("nodes registered").isEqualTo(NODES);
                    }
                } finally {
                    TestPostgres.dropDatabase(database);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** What ServiceWiring does with the store at a cluster node's start-up, in its order. */
    private static void startUp(HikariDataSource store, String node) throws Exception {
        new StateStore(store).init();
        new Partitions(store, node, () -> true).init();
        QuartzSchema.create(store);
        QuartzSchema.createIdempotently(store, com.exportservice.inbox.InboxReadLock.tables());
        new NodeRegistry(store).register(node, Duration.ofSeconds(5));
    }
}
