package com.exportservice.cluster;

import com.exportservice.status.StateStore;

import com.exportservice.status.StoreSchema;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's members in the store's {@code cluster_nodes} table (created by {@link StateStore#init}):
 * each node's row, renewed by its heartbeat. A node is live while its heartbeat is younger than the lease,
 * judged by the database's clock (one clock for all nodes, whatever theirs say). PostgreSQL only.
 */
public final class NodeRegistry {
    /** A live node and its last heartbeat (epoch milliseconds, the database's clock). */
    public record Node(String nodeId, long heartbeatMs) {
    }

    private final DataSource store;

    public NodeRegistry(DataSource store) {
        this.store = store;
    }

    /**
     * Enters this node, refusing a name a live node already uses (two processes with one name would
     * release each other's exports).
     *
     * @throws IllegalStateException when a node of that name is live
     */
    public void register(String nodeId, Duration lease) throws SQLException {
        // each beat reads the exports changed in the last seconds (other nodes' events); single nodes do not
        StoreSchema.create(store, (c, s) -> s.execute("CREATE INDEX IF NOT EXISTS export_runs_updated ON export_runs (updated_ms)"));
        try (Connection c = store.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cluster_nodes WHERE node_id = ? AND heartbeat_ms >= "
                    + StateStore.DB_NOW_MS + " - ?")) {
                ps.setString(1, nodeId);
                ps.setLong(2, lease.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalStateException("a node named '" + nodeId + "' is running in this cluster already "
                                + "(its heartbeat is younger than the lease); give each node its own exporter.cluster.node-id");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_nodes (node_id, started_ms, heartbeat_ms) VALUES (?, "
                    + StateStore.DB_NOW_MS + ", " + StateStore.DB_NOW_MS + ") ON CONFLICT (node_id) DO UPDATE SET started_ms = "
                    + "EXCLUDED.started_ms, heartbeat_ms = EXCLUDED.heartbeat_ms")) {
                ps.setString(1, nodeId);
                ps.executeUpdate();
            }
        }
    }

    /** Renews this node's heartbeat (entering it again if its row went away). */
    public void heartbeat(String nodeId) throws SQLException {
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO cluster_nodes (node_id, started_ms, heartbeat_ms) VALUES (?, " + StateStore.DB_NOW_MS + ", "
                        + StateStore.DB_NOW_MS + ") ON CONFLICT (node_id) DO UPDATE SET heartbeat_ms = EXCLUDED.heartbeat_ms")) {
            ps.setString(1, nodeId);
            ps.executeUpdate();
        }
    }

    /** Leaves the cluster (a clean stop): its row goes. */
    public void deregister(String nodeId) throws SQLException {
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_nodes WHERE node_id = ?")) {
            ps.setString(1, nodeId);
            ps.executeUpdate();
        }
    }

    /** The live nodes, by name. */
    public List<Node> live(Duration lease) throws SQLException {
        List<Node> out = new ArrayList<>();
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT node_id, heartbeat_ms FROM cluster_nodes WHERE heartbeat_ms >= " + StateStore.DB_NOW_MS + " - ? ORDER BY node_id")) {
            ps.setLong(1, lease.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Node(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }
}
