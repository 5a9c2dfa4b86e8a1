package com.exportservice.status;

import com.exportservice.testsupport.TestPostgres;

import java.sql.SQLException;

/** Test helper: a node's heartbeat in a cluster store, set to a moment before the database's now. */
final class Heartbeats {
    private Heartbeats() {
    }

    /** {@code node}'s heartbeat in {@code database}, {@code agoMs} before the database's now. */
    static void set(String database, String node, long agoMs) throws SQLException {
        TestPostgres.execute(database, "INSERT INTO cluster_nodes (node_id, started_ms, heartbeat_ms) VALUES ('" + node + "', 0, "
                + StateStore.DB_NOW_MS + " - " + agoMs + ") ON CONFLICT (node_id) DO UPDATE SET heartbeat_ms = EXCLUDED.heartbeat_ms");
    }
}
