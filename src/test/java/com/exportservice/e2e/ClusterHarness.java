package com.exportservice.e2e;

import com.exportservice.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What the multi-process cluster tests share: a PostgreSQL store and source database of their own, node
 * processes of the shaded jar (each in its own directory below {@code root}), the source's ids, and the wait
 * for an export to end. Closing it stops the nodes (a paused one is woken first) and drops the databases.
 */
final class ClusterHarness implements AutoCloseable {
    final String store;
    final String source;
    private final Path root;
    private final List<ServiceProcess> started = new ArrayList<>();

    private ClusterHarness(String prefix, Path root) throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        this.store = prefix + "_store_" + suffix;
        this.source = prefix + "_source_" + suffix;
        this.root = root;
        TestPostgres.execute("postgres", "CREATE DATABASE " + store);
        TestPostgres.execute("postgres", "CREATE DATABASE " + source);
    }

    static ClusterHarness create(String prefix, Path root) throws SQLException {
        return new ClusterHarness(prefix, root);
    }

    /** Starts a node (its working directory {@code root/<node>}) with these settings and waits for its health check. */
    ServiceProcess start(String node, List<String> settings) throws Exception {
        Path dir = Files.createDirectories(root.resolve(node));
        ServiceProcess p = ServiceProcess.start(dir, List.of("-Xmx192m", "-XX:+UseSerialGC"), settings, "service.log");
        started.add(p);
        return p;
    }

    /** A process this harness stops at the end (one started by the test itself). */
    void stopAtEnd(ServiceProcess p) {
        started.add(p);
    }

    List<ServiceProcess> started() {
        return List.copyOf(started);
    }

    /** The ids of a source table, in key order. */
    List<Long> sourceIds(String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + source, TestPostgres.USER, TestPostgres.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The export's status once it ended (completed, failed or cancelled), as {@code node} answers it. */
    static JsonNode awaitFinished(ServiceProcess node, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = node.status(id);
            return Set.of("completed", "failed", "cancelled").contains(last[0].path("status").asText());
        });
        return last[0];
    }

    @Override
    public void close() throws Exception {
        try {
            for (ServiceProcess p : started) {
                if (p.isAlive()) {
                    p.signal("CONT"); // a paused process cannot be killed before it runs again
                }
                p.close();
            }
        } finally {
            TestPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + store + " WITH (FORCE)");
            TestPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
        }
    }
}
