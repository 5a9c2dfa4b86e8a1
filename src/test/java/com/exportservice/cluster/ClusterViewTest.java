package com.exportservice.cluster;

import com.exportservice.status.StateStore;
import com.exportservice.status.StatusTracker;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/cluster on a single node: one entry, this node, now, the exports it runs. */
class ClusterViewTest {
    @Test
    void should_answer_one_entry_on_a_single_node_with_the_exports_it_runs() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        StateStore store = new StateStore(ds);
        store.init();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T04:13:03.123Z"), ZoneOffset.UTC);
        StatusTracker status = new StatusTracker(store, clock, 2, 10);
        String running = status.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp")).exportId();
        status.create(List.of("logs"), null, "{}", "http", null, Path.of("/tmp"));
        status.start(running);

        ClusterNodes nodes = new ClusterView(null, "node-x", status, clock).nodes();

        assertThat(nodes.nodes()).containsExactly(new NodeStatus("node-x", "2026-11-26T04:13:03.123Z", List.of(running)));
        assertThat(status.status(running).node()).as("no node on a single node").isNull();
    }
}
