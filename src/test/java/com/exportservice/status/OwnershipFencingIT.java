package com.exportservice.status;

import com.exportservice.testsupport.TestPostgres;
import com.exportservice.validation.ValidationStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fencing rule of cluster mode (docs/cluster.md), without Camel, on a real PostgreSQL store shared by two
 * status beans standing for two nodes: a claim gives an export to exactly one node and moves its epoch on;
 * a node whose export was taken over saves no checkpoint and no status for it any more, and one whose lease
 * ran out stops before writing, even when no one took its exports yet.
 */
@Tag(TestPostgres.TAG)
class OwnershipFencingIT {
    private static final Duration LEASE = Duration.ofSeconds(5);
    private String database;
    private StateStore store;
    private final AtomicBoolean leaseA = new AtomicBoolean(true);
    private StatusTracker a;
    private StatusTracker b;

    @BeforeEach
    void createStore() throws SQLException {
        database = TestPostgres.createDatabase("cluster_fencing_");
        PGSimpleDataSource ds = TestPostgres.dataSource(database);
        store = new StateStore(ds);
        store.init();
        a = new StatusTracker(store, Clock.systemUTC(), 2, 100);
        a.joinCluster("node-a", leaseA::get);
        b = new StatusTracker(store, Clock.systemUTC(), 2, 100);
        b.joinCluster("node-b", () -> true);
        heartbeat("node-a", 0);
        heartbeat("node-b", 0);
    }

    @AfterEach
    void dropStore() throws SQLException {
        TestPostgres.dropDatabase(database);
    }

    @Test
    void should_give_each_waiting_export_to_exactly_one_node() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(a.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId());
        }

        List<String> toA = a.claim(2, LEASE);
        List<String> toB = b.claim(10, LEASE);

        assertThat(toA).hasSize(2);
        assertThat(toB).hasSize(3).doesNotContainAnyElementsOf(toA);
        assertThat(new HashSet<>(concat(toA, toB))).containsExactlyInAnyOrderElementsOf(created);
        assertThat(a.status(toA.get(0)).node()).isEqualTo("node-a");
        assertThat(b.status(toB.get(0)).node()).isEqualTo("node-b");
        assertThat(b.claim(10, LEASE)).as("a live node's exports are not claimed").isEmpty();
    }

    @Test
    void should_let_a_node_whose_export_was_taken_over_save_nothing_more_for_it() throws SQLException {
        String id = a.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        assertThat(a.claim(1, LEASE)).containsExactly(id);
        assertThat(a.start(id)).isTrue();
        a.planned(id, "logs", 300, 3, "300");
        a.persist(checkpoint(id, 100, 4096));

        heartbeat("node-a", 60_000); // node-a silent for longer than the lease
        assertThat(b.claim(1, LEASE)).containsExactly(id);
        ExportStatus takenOver = b.status(id);
        assertThat(takenOver.node()).isEqualTo("node-b");
        assertThat(takenOver.attempts()).as("a resumption").isEqualTo(2);

        assertThatThrownBy(() -> a.persist(checkpoint(id, 200, 8192))).isInstanceOf(OwnershipLostException.class);
        assertThatThrownBy(() -> a.completed(id)).isInstanceOf(OwnershipLostException.class);
        assertThat(b.checkpoints(id).get(0).checkpoint().fileBytes()).as("the old owner's checkpoint was not saved").isEqualTo(4096);

        assertThat(b.start(id)).isTrue();
        b.persist(checkpoint(id, 200, 8000));
        StatusTracker reader = new StatusTracker(store, Clock.systemUTC(), 2, 100);
        assertThat(reader.checkpoints(id).get(0).checkpoint().fileBytes()).isEqualTo(8000);
        assertThat(reader.status(id).status()).isEqualTo("running");
        assertThat(reader.status(id).node()).isEqualTo("node-b");
    }

    @Test
    void should_stop_a_node_whose_lease_ran_out_before_it_writes_even_when_no_one_took_its_export_yet() {
        String id = a.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        a.claim(1, LEASE);
        a.start(id);
        a.checkOwned(id);

        leaseA.set(false);

        assertThatThrownBy(() -> a.checkOwned(id)).isInstanceOf(OwnershipLostException.class);
        assertThatThrownBy(() -> a.persist(checkpoint(id, 100, 4096))).isInstanceOf(OwnershipLostException.class);
        a.lost(id);
        leaseA.set(true);
        assertThat(a.claim(1, LEASE)).as("released: claimed again, with a new epoch").containsExactly(id);
        assertThat(a.status(id).attempts()).isEqualTo(2);
    }

    @Test
    void should_cancel_from_any_node_an_export_another_node_runs() {
        String id = a.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        a.claim(1, LEASE);
        a.start(id);

        b.requestCancel(id);
        assertThat(a.isCancelRequested(id)).isFalse();
        a.syncOwnership(); // node-a's next heartbeat

        assertThat(a.isCancelRequested(id)).isTrue();
    }

    @Test
    void should_let_another_node_claim_at_once_the_exports_of_a_node_that_stops_cleanly() {
        String id = a.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        a.claim(1, LEASE);
        a.start(id);
        assertThat(b.claim(1, LEASE)).as("node-a is live").isEmpty();

        a.suspended(id); // node-a stops: the export stopped at its batch boundary

        assertThat(b.claim(1, LEASE)).as("without waiting for the lease").containsExactly(id);
        assertThat(b.status(id).attempts()).isEqualTo(2);
        assertThatThrownBy(() -> a.persist(checkpoint(id, 100, 4096))).isInstanceOf(OwnershipLostException.class);
    }

    private static BatchCheckpoint checkpoint(String id, long lastKey, long bytes) {
        return new BatchCheckpoint(id, "logs", lastKey, lastKey / 100, lastKey, lastKey, 0, bytes, new ValidationStats());
    }

    private static List<String> concat(List<String> x, List<String> y) {
        List<String> all = new ArrayList<>(x);
        all.addAll(y);
        return all;
    }

    /** A node's heartbeat, {@code agoMs} before the database's now. */
    private void heartbeat(String node, long agoMs) throws SQLException {
        Heartbeats.set(database, node, agoMs);
    }
}
