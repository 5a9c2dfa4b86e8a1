package com.exportservice.cluster;

import com.exportservice.time.Timestamps;
import com.exportservice.status.StatusTracker;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * What {@code GET /api/cluster} answers (contract section 9): the live nodes, their last heartbeat and
 * running exports. On a single node, one entry: this node, now, the exports it runs.
 */
public final class ClusterView {
    private final ClusterNode cluster;
    private final String nodeId;
    private final StatusTracker status;
    private final Clock clock;

    /**
     * @param cluster this node in cluster mode, or null on a single node
     * @param nodeId  this node's id (on a single node: {@code exporter.cluster.node-id} or its default)
     */
    public ClusterView(ClusterNode cluster, String nodeId, StatusTracker status, Clock clock) {
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.status = status;
        this.clock = clock;
    }

    public ClusterNodes nodes() throws SQLException {
        if (cluster != null) {
            return new ClusterNodes(cluster.nodes());
        }
        return new ClusterNodes(List.of(new NodeStatus(nodeId, Timestamps.format(clock.instant()), status.runningHere())));
    }
}
