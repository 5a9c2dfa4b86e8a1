package com.exportservice.inbox;

import com.exportservice.cluster.QuartzSchema;
import com.exportservice.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.Service;
import org.apache.camel.spi.IdempotentRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
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

/**
 * The inbox's cluster-wide read lock on a real PostgreSQL store: of several nodes taking one file at the same
 * moment exactly one gets it, a released file can be taken again, and the lock of a node that died while holding
 * it is taken over by exactly one other node.
 */
@Tag(TestPostgres.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxReadLockIT {
    private static final int NODES = 3;
    private String database;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<IdempotentRepository> nodes = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(NODES);

    @BeforeAll
    void createStore() throws Exception {
        database = "triggers_lock_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + database);
        for (int i = 0; i < NODES; i++) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(TestPostgres.baseUrl() + database);
            pool.setUsername(TestPostgres.USER);
            pool.setPassword(TestPostgres.PASSWORD);
            pool.setMaximumPoolSize(2);
            pools.add(pool);
        }
        QuartzSchema.createIdempotently(pools.get(0), InboxReadLock.tables());
        for (HikariDataSource pool : pools) {
            IdempotentRepository locks = InboxReadLock.clustered(pool);
            ((Service) locks).start();
            nodes.add(locks);
        }
    }

    @AfterAll
    void dropStore() throws Exception {
        threads.shutdownNow();
        pools.forEach(HikariDataSource::close);
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void should_give_a_file_to_exactly_one_of_the_nodes_taking_it_at_the_same_moment() throws Exception {
        for (int round = 0; round < 50; round++) {
            assertThat(takers("race-" + round + ".json")).as("round " + round).isEqualTo(1);
        }
    }

    @Test
    void should_let_a_file_of_the_same_name_be_taken_again_once_its_lock_is_released() {
        assertThat(nodes.get(0).add("again.json")).isTrue();
        assertThat(nodes.get(1).add("again.json")).isFalse();

        assertThat(nodes.get(0).remove("again.json")).isTrue();

        assertThat(nodes.get(1).add("again.json")).isTrue();
    }

    @Test
    void should_let_exactly_one_node_take_over_the_lock_of_a_node_that_died_holding_it() throws Exception {
        assertThat(nodes.get(0).add("orphan.json")).isTrue();
        assertThat(takers("orphan.json")).as("a live lock").isZero();

        // the holder died: its lock ages past the limit without being released
        execute("UPDATE inbox_read_locks SET created_at = now() - interval '" + (InboxReadLock.ORPHAN_AFTER.toSeconds() + 1)
                + " seconds' WHERE message_id = 'orphan.json'");

        assertThat(takers("orphan.json")).as("an orphaned lock").isEqualTo(1);
        assertThat(takers("orphan.json")).as("the new holder's lock").isZero();
    }

    /** How many of the nodes, all trying at once, take the file. */
    private int takers(String file) throws Exception {
        CyclicBarrier start = new CyclicBarrier(NODES);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (IdempotentRepository node : nodes) {
            tries.add(threads.submit(() -> {
                start.await();
                return node.add(file);
            }));
        }
        int taken = 0;
        for (Future<Boolean> t : tries) {
            taken += t.get() ? 1 : 0;
        }
        return taken;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = pools.get(0).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", TestPostgres.USER, TestPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
