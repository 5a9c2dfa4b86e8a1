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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Partitions of a large data type in the store (docs/cluster.md, "One big export on many nodes"), without
 * Camel, on a real PostgreSQL store shared by two nodes: each partition is claimed by exactly one node, a
 * silent node's partition is claimed again with its checkpoint and a new epoch, and the node that lost it
 * saves nothing more; partitions of an export that no longer runs are neither saved nor claimed.
 */
@Tag(TestPostgres.TAG)
class PartitionFencingIT {
    private static final long LEASE_MS = Duration.ofSeconds(5).toMillis();
    private String database;
    private StatusTracker owner;
    private Partitions a;
    private Partitions b;
    private final AtomicBoolean leaseA = new AtomicBoolean(true);
    private String exportId;

    @BeforeEach
    void createStore() throws SQLException {
        database = TestPostgres.createDatabase("partition_fencing_");
        PGSimpleDataSource ds = TestPostgres.dataSource(database);
        StateStore store = new StateStore(ds);
        store.init();
        a = new Partitions(ds, "node-a", leaseA::get);
        a.init();
        b = new Partitions(ds, "node-b", () -> true);
        heartbeat("node-a", 0);
        heartbeat("node-b", 0);
        owner = new StatusTracker(store, Clock.systemUTC(), 2, 100);
        owner.joinCluster("node-b", () -> true);
        exportId = owner.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        owner.claim(1, Duration.ofMillis(LEASE_MS));
        owner.start(exportId);
    }

    @AfterEach
    void dropStore() throws SQLException {
        TestPostgres.dropDatabase(database);
    }

    @Test
    void should_record_a_split_once_and_give_each_partition_to_exactly_one_node() {
        assertThat(a.create(exportId, "logs", Arrays.asList(null, "333", "666", "1000"))).isTrue();
        assertThat(a.create(exportId, "logs", Arrays.asList(null, "500", "1000"))).as("a plan redone keeps the first split").isTrue();

        Partition first = a.claim(LEASE_MS).orElseThrow();
        Partition second = b.claim(LEASE_MS).orElseThrow();
        Partition third = b.claim(LEASE_MS).orElseThrow();

        assertThat(List.of(first.number(), second.number(), third.number())).containsExactly(0, 1, 2);
        assertThat(first.afterKey()).isNull();
        assertThat(first.toKey()).isEqualTo("333");
        assertThat(third.afterKey()).isEqualTo("666");
        assertThat(third.toKey()).isEqualTo("1000");
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(a.claim(LEASE_MS)).as("a live node's partitions are not claimed").isEmpty();
    }

    @Test
    void should_take_a_silent_nodes_partition_over_from_its_checkpoint_and_refuse_the_old_owners_saves() throws SQLException {
        a.create(exportId, "logs", Arrays.asList(null, "500", "1000"));
        Partition mine = a.claim(LEASE_MS).orElseThrow();
        a.persist(mine, checkpoint(100, 4096));

        heartbeat("node-a", 60_000); // node-a silent for longer than the lease
        Partition theirs = b.claim(LEASE_MS).filter(p -> p.number() == mine.number()).orElseThrow();

        assertThat(theirs.epoch()).isEqualTo(mine.epoch() + 1);
        assertThat(theirs.checkpoint().lastKeyText()).as("continued from the checkpoint").isEqualTo("100");
        assertThat(theirs.checkpoint().fileBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> a.persist(mine, checkpoint(200, 8192))).isInstanceOf(OwnershipLostException.class);
        assertThatThrownBy(() -> a.committed(mine)).isInstanceOf(OwnershipLostException.class);

        b.persist(theirs, checkpoint(500, 9000));
        b.committed(theirs);
        Partition done = b.list(exportId, "logs").get(0);
        assertThat(done.status()).isEqualTo(Partition.COMMITTED);
        assertThat(done.checkpoint().fileBytes()).isEqualTo(9000);
        heartbeat("node-b", 60_000);
        assertThat(a.claim(LEASE_MS).map(Partition::number)).as("a committed partition is never claimed again").contains(1);
    }

    @Test
    void should_stop_a_node_whose_lease_ran_out_and_the_partitions_of_an_export_that_no_longer_runs() {
        a.create(exportId, "logs", Arrays.asList(null, "500", "1000"));
        Partition mine = a.claim(LEASE_MS).orElseThrow();
        leaseA.set(false);
        assertThatThrownBy(() -> a.persist(mine, checkpoint(100, 4096))).isInstanceOf(OwnershipLostException.class);
        assertThat(a.claim(LEASE_MS)).as("no claim without a lease").isEmpty();

        Partition other = b.claim(LEASE_MS).orElseThrow();
        owner.requestCancel(exportId);
        assertThatThrownBy(() -> b.persist(other, checkpoint(600, 100))).isInstanceOf(OwnershipLostException.class);
        b.release(other);
        assertThat(b.claim(LEASE_MS)).as("a cancelled export's partitions wait").isEqualTo(Optional.empty());
    }

    @Test
    void should_let_a_retried_export_claim_its_failed_partitions_again() {
        a.create(exportId, "logs", Arrays.asList(null, "500", "1000"));
        Partition p = a.claim(LEASE_MS).orElseThrow();
        a.failed(p, "record 7 of logs failed validation");
        assertThat(a.list(exportId, "logs").get(0).error()).isEqualTo("record 7 of logs failed validation");

        a.retryFailed(exportId, "logs");

        assertThat(a.list(exportId, "logs").get(0).status()).isEqualTo(Partition.PENDING);
    }

    private BatchCheckpoint checkpoint(long lastKey, long bytes) {
        return new BatchCheckpoint(exportId, "logs", lastKey, lastKey / 100, lastKey, lastKey, 0, bytes, new ValidationStats());
    }

    /** A node's heartbeat, {@code agoMs} before the database's now. */
    private void heartbeat(String node, long agoMs) throws SQLException {
        Heartbeats.set(database, node, agoMs);
    }
}
