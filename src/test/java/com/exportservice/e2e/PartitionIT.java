package com.exportservice.e2e;

import com.exportservice.Json;
import com.exportservice.output.Sha256;
import com.exportservice.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One big export on many nodes (docs/cluster.md): three service processes (the shaded jar) on one PostgreSQL
 * store, source and output directory, with a low {@code exporter.cluster.partition-rows}. A data type above it is
 * split into three key-range partitions that run on different nodes at the same time; a node SIGKILLed in the
 * middle of its partition loses it to a survivor, which continues from the partition's checkpoint; the assembled
 * file is byte for byte the one a single node writes (every source id once, in key order), and the manifest's
 * checksum and counts are right.
 */
@Tag(TestPostgres.TAG)
class PartitionIT {
    private static final String LEASE = "PT5S";
    private static final int ROWS = 20_000;
    /** json (an array: the assembly's hardest case), no metadata (whose export id and time differ between two exports). */
    private static final String REQUEST = "{\"data_types\":[\"logs\"],\"output_format\":\"json\",\"include_metadata\":false,\"batch_size\":%d}";
    private final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path root;
    private ClusterHarness cluster;

    @BeforeEach
    void createDatabases() throws SQLException {
        cluster = ClusterHarness.create("partition_it", root);
    }

    @AfterEach
    void stopAndDrop() throws Exception {
        for (ServiceProcess p : cluster.started()) {
            // what each node did with partitions, for a failure's report
            p.logText().lines().filter(l -> l.contains("PartitionRunner") || l.contains("ERROR") || l.contains("Exception"))
                    .limit(80).forEach(l -> System.err.println("[partitions] " + p.log.getParent().getFileName() + ": " + l));
        }
        cluster.close();
    }

    @Test
    void should_split_a_big_data_type_over_the_nodes_take_over_a_killed_partition_and_assemble_the_single_node_file() throws Exception {
        // one node alone: the data type is not split (one live node), the reference file
        Map<String, ServiceProcess> nodes = new LinkedHashMap<>();
        nodes.put("node-1", start("node-1")); // first: it seeds the demo tables
        ServiceProcess entry = nodes.get("node-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> clusterNodes(entry).equals(Set.of("node-1")));
        String single = entry.startExport(REQUEST.formatted(1000));
        assertThat(awaitFinished(entry, single).path("status").asText()).isEqualTo("completed");
        assertThat(partitionRows(single)).as("one node: nothing split").isEmpty();
        byte[] reference = Files.readAllBytes(exportDir(single).resolve("logs.json"));

        for (String name : List.of("node-2", "node-3")) {
            nodes.put(name, start(name));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> clusterNodes(entry).equals(nodes.keySet()));

        // three live nodes: logs (20,000 rows > 5,000) is split into three partitions that run at the same time
        String id = entry.startExport(REQUEST.formatted(8));
        await().atMost(Duration.ofSeconds(60)).until(() -> partitionRows(id).size() == 3);
        Map<String, String> runningAtOnce = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            runningAtOnce.clear();
            for (PartitionRow p : partitionRows(id)) {
                if (p.status.equals("running") && p.records > 0) {
                    runningAtOnce.put(p.node, "partition " + p.number);
                }
            }
            return runningAtOnce.size() >= 2;
        });
        System.err.println("[partitions] running at once: " + runningAtOnce);
        String owner = entry.status(id).path("node").asText();

        // SIGKILL a node in the middle of its partition (neither the export's owner nor the node we talk to)
        PartitionRow[] victim = new PartitionRow[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (PartitionRow p : partitionRows(id)) {
                if (p.status.equals("running") && p.records > 0 && !p.node.equals(owner) && !p.node.equals("node-1")) {
                    victim[0] = p;
                    return true;
                }
            }
            return false;
        });
        PartitionRow killed = victim[0];
        nodes.get(killed.node).signal("KILL");
        PartitionRow atKill = partitionRows(id).get(killed.number);
        System.err.println("[partitions] killed " + killed.node + " in partition " + killed.number + " at " + atKill.records + " records");

        JsonNode done = awaitFinished(entry, id);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("processed_records").asLong()).isEqualTo(done.path("total_records").asLong()).isEqualTo(ROWS);
        PartitionRow takenOver = partitionRows(id).get(killed.number);
        assertThat(takenOver.status).isEqualTo("committed");
        assertThat(takenOver.epoch).as("claimed again after the kill").isGreaterThan(killed.epoch);
        assertThat(takenOver.node).isNotEqualTo(killed.node);
        assertThat(nodes.get(takenOver.node).logText()).as("continued from the partition's checkpoint")
                .contains("partition " + id + " logs #" + killed.number + ": resuming after key");
        assertThat(partitionRows(id)).allMatch(p -> p.status.equals("committed"));

        // exact: the single node's file, byte for byte; every source id once, in key order; the manifest true
        Path dir = exportDir(id);
        byte[] assembled = Files.readAllBytes(dir.resolve("logs.json"));
        assertThat(assembled).as("the file a single node writes").isEqualTo(reference);
        List<Long> ids = new ArrayList<>();
        mapper.readTree(assembled).forEach(r -> ids.add(r.path("id").asLong()));
        assertThat(ids).hasSameSizeAs(new HashSet<>(ids)).containsExactlyElementsOf(sourceIds("logs"));
        JsonNode manifest = mapper.readTree(dir.resolve("manifest.json").toFile());
        JsonNode file = manifest.path("files").get(0);
        assertThat(file.path("sha256").asText()).isEqualTo(Sha256.hex(dir.resolve("logs.json")));
        assertThat(file.path("records").asLong()).isEqualTo(ROWS);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("no part file left")
                    .containsExactlyInAnyOrder("logs.json", "manifest.json", "validation-report.json");
        }
    }

    private ServiceProcess start(String node) throws Exception {
        return cluster.start(node, settings(node));
    }

    private List<String> settings(String node) {
        return List.of("exporter.cluster.enabled=true", "exporter.cluster.node-id=" + node, "exporter.cluster.lease=" + LEASE,
                "exporter.cluster.partition-rows=5000",
                "exporter.store.url=" + TestPostgres.baseUrl() + cluster.store, "exporter.store.username=" + TestPostgres.USER,
                "exporter.source.url=" + TestPostgres.baseUrl() + cluster.source, "exporter.source.username=" + TestPostgres.USER,
                "exporter.demo.enabled=true", "exporter.demo.rows=" + ROWS, "exporter.output.dir=" + root.resolve("exports"),
                "exporter.output.min-free-disk=0", "exporter.max-concurrent-exports=2");
    }

    private record PartitionRow(int number, String status, String node, long epoch, long records) {
    }

    private List<PartitionRow> partitionRows(String exportId) throws SQLException {
        List<PartitionRow> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + cluster.store, TestPostgres.USER, TestPostgres.PASSWORD);
             PreparedStatement ps = c.prepareStatement("SELECT part_no, status, owner_node, epoch, records FROM export_partitions "
                     + "WHERE export_id = ? ORDER BY part_no")) {
            ps.setString(1, exportId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PartitionRow(rs.getInt(1), rs.getString(2), String.valueOf(rs.getString(3)), rs.getLong(4), rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return out; // the table comes with the first node
            }
            throw e;
        }
        return out;
    }

    private Path exportDir(String id) {
        return root.resolve("exports").resolve(id);
    }

    private JsonNode awaitFinished(ServiceProcess node, String id) {
        return ClusterHarness.awaitFinished(node, id);
    }

    private Set<String> clusterNodes(ServiceProcess node) throws Exception {
        Set<String> out = new HashSet<>();
        for (JsonNode n : mapper.readTree(node.get("/api/cluster").body()).path("nodes")) {
            out.add(n.path("node_id").asText());
        }
        return out;
    }

    private List<Long> sourceIds(String table) throws SQLException {
        return cluster.sourceIds(table);
    }
}
