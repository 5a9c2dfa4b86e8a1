package com.exportservice.e2e;

import com.exportservice.Json;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode (contract section 12) with three service processes (the shaded jar) on one PostgreSQL store,
 * one PostgreSQL source and one output directory: six exports submitted to one node run on all three; a
 * node killed with SIGKILL mid-export loses its exports to the survivors after the lease, and they complete
 * with exact output; a node paused (SIGSTOP) past the lease loses its export and, woken up (SIGCONT), writes
 * nothing more for it. An embedded H2 store in cluster mode stops start-up.
 */
@Tag(TestPostgres.TAG)
class ClusterIT {
    private static final String LEASE = "PT5S";
    private static final List<String> TYPES = List.of("logs", "events");
    private static final String EXPORT = "{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\",\"batch_size\":25}";
    private static final String SLOW_EXPORT = "{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\",\"batch_size\":8}";
    private final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path root;
    private ClusterHarness cluster;
    private String store;
    private String source;

    @BeforeEach
    void createDatabases() throws SQLException {
        cluster = ClusterHarness.create("cluster_it", root);
        store = cluster.store;
        source = cluster.source;
    }

    @AfterEach
    void stopAndDrop() throws Exception {
        cluster.close();
    }

    @Test
    void should_share_exports_take_over_a_killed_node_and_fence_a_paused_one_with_exact_output() throws Exception {
        Map<String, ServiceProcess> nodes = new LinkedHashMap<>();
        for (String name : List.of("node-1", "node-2", "node-3")) {
            nodes.put(name, start(name)); // node-1 first: it seeds the demo tables
        }
        ServiceProcess entry = nodes.get("node-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> clusterNodes(entry).equals(nodes.keySet()));
        List<JsonNode> events = subscribe(entry);

        // six exports submitted to one node run on all three
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(entry.startExport(EXPORT));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> running(entry, id)));
        Map<String, String> owners = new LinkedHashMap<>();
        for (String id : ids) {
            owners.put(id, entry.status(id).path("node").asText());
        }
        assertThat(new HashSet<>(owners.values())).as("spread over the nodes: " + owners).isEqualTo(nodes.keySet());
        Map<String, List<String>> runningPerNode = runningPerNode(entry);
        assertThat(runningPerNode.values().stream().mapToInt(List::size).sum()).as("GET /api/cluster: " + runningPerNode).isEqualTo(6);

        // SIGKILL a node other than the one we talk to, in the middle of its exports
        String victim = owners.values().stream().filter(n -> !n.equals("node-1"))
                .max(java.util.Comparator.comparingLong(n -> owners.values().stream().filter(n::equals).count())).orElseThrow();
        List<String> victims = owners.entrySet().stream().filter(e -> e.getValue().equals(victim)).map(Map.Entry::getKey).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> victims.stream().allMatch(id -> processedOrZero(entry, id) > 0));
        nodes.get(victim).signal("KILL");
        long killedAt = System.nanoTime();
        Map<String, Long> takenOverMs = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String id : victims) {
                if (!takenOverMs.containsKey(id)) {
                    JsonNode s = entry.status(id);
                    if (!s.path("node").asText().equals(victim) || s.path("status").asText().equals("completed")) {
                        takenOverMs.put(id, (System.nanoTime() - killedAt) / 1_000_000);
                    }
                }
            }
            return takenOverMs.size() == victims.size();
        });
        System.err.println("[cluster] take-over after SIGKILL of " + victim + " (lease " + LEASE + "): " + takenOverMs + " ms");
        Set<String> survivors = new HashSet<>(nodes.keySet());
        survivors.remove(victim);
        assertThat(clusterNodes(entry)).as("the killed node leaves GET /api/cluster").isEqualTo(survivors);

        for (String id : ids) {
            JsonNode done = awaitFinished(entry, id);
            assertThat(done.path("status").asText()).as(id + ": " + done).isEqualTo("completed");
            assertThat(done.path("processed_records").asLong()).isEqualTo(done.path("total_records").asLong()).isEqualTo(40_000);
            ExactOutput.assertExactJsonl(mapper, exportDir(id), TYPES, this::sourceIds);
            if (victims.contains(id)) {
                assertThat(done.path("attempts").asInt()).as("taken over: " + done).isGreaterThanOrEqualTo(2);
                assertThat(done.path("node").asText()).isIn(survivors);
            }
        }

        // any node serves any export's files, and tells of every export's changes
        for (String id : ids) {
            ServiceProcess elsewhere = nodes.get(survivors.stream().filter(n -> !n.equals(owners.get(id))).findFirst().orElseThrow());
            java.net.http.HttpResponse<String> manifest = elsewhere.get("/api/exports/" + id + "/files/manifest.json");
            assertThat(manifest.statusCode()).isEqualTo(200);
            assertThat(mapper.readTree(manifest.body()).path("export_id").asText()).isEqualTo(id);
            assertThat(elsewhere.get("/api/exports/" + id + "/download").statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(completedIn(events)).containsAll(ids));

        // cancel through one node, retry through another, of an export a third node runs
        String cancelled = entry.startExport(SLOW_EXPORT);
        await().atMost(Duration.ofSeconds(60)).until(() -> processedOrZero(entry, cancelled) > 0);
        String runner = entry.status(cancelled).path("node").asText();
        List<String> others = survivors.stream().filter(n -> !n.equals(runner)).toList();
        assertThat(nodes.get(others.get(0)).post("/api/exports/" + cancelled + "/cancel", "").statusCode()).isEqualTo(202);
        JsonNode afterCancel = awaitFinished(entry, cancelled);
        assertThat(afterCancel.path("status").asText()).as(afterCancel.toString()).isEqualTo("cancelled");
        assertThat(nodes.get(runner).post("/api/exports/" + cancelled + "/retry", "").statusCode()).isEqualTo(202);
        JsonNode retried = awaitFinished(nodes.get(others.get(0)), cancelled);
        assertThat(retried.path("status").asText()).as(retried.toString()).isEqualTo("completed");
        assertThat(retried.path("attempts").asInt()).isEqualTo(2);
        ExactOutput.assertExactJsonl(mapper, exportDir(cancelled), TYPES, this::sourceIds);

        // a node paused (SIGSTOP) past the lease loses its export and, woken up, writes nothing more for it
        String slow = nodes.get(survivors.stream().filter(n -> !n.equals("node-1")).findFirst().orElseThrow()).startExport(SLOW_EXPORT);
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(entry, slow) > 0);
        String pausedName = entry.status(slow).path("node").asText();
        ServiceProcess paused = nodes.get(pausedName);
        ServiceProcess other = nodes.get(survivors.stream().filter(n -> !n.equals(pausedName)).findFirst().orElseThrow());
        paused.signal("STOP");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !other.status(slow).path("node").asText().equals(pausedName));
        long atTakeOver = processed(other, slow);
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(other, slow) > atTakeOver
                || other.status(slow).path("status").asText().equals("completed"));
        paused.signal("CONT");

        JsonNode done = awaitFinished(other, slow);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("node").asText()).isNotEqualTo(pausedName);
        assertThat(done.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
        ExactOutput.assertExactJsonl(mapper, exportDir(slow), TYPES, this::sourceIds);
        await().atMost(Duration.ofSeconds(30)).until(() -> paused.logText().contains("export " + slow + ": this node lost it"));
        try (var files = Files.list(exportDir(slow))) {
            assertThat(files.map(f -> f.getFileName().toString()).collect(Collectors.toSet())).as("no byte more from the paused node")
                    .containsExactlyInAnyOrder("logs.jsonl", "events.jsonl", "manifest.json", "validation-report.json");
        }
        ExactOutput.assertExactJsonl(mapper, exportDir(slow), TYPES, this::sourceIds);
        JsonNode seenByPaused = paused.status(slow);
        assertThat(seenByPaused.path("status").asText()).as("any node answers from the store").isEqualTo("completed");
        assertThat(seenByPaused.path("node").asText()).isEqualTo(done.path("node").asText());

        // the one-shot command stays local: its export is its own, no serving node claims it
        Path cliDir = Files.createDirectories(root.resolve("cli"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m"));
        settings("cli-node").forEach(setting -> command.add("-D" + setting));
        command.addAll(List.of("-jar", Path.of("target/export-service.jar").toAbsolutePath().toString(), "export",
                "--data-types", "logs,events", "--format", "jsonl", "--batch-size", "50"));
        Process cli = new ProcessBuilder(command).directory(cliDir.toFile()).redirectErrorStream(true)
                .redirectOutput(cliDir.resolve("cli.log").toFile()).start();
        assertThat(cli.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(cliDir.resolve("cli.log"))).isZero();
        JsonNode newest = mapper.readTree(other.get("/api/exports?limit=1").body()).path("exports").get(0);
        assertThat(newest.path("trigger").asText()).isEqualTo("cli");
        assertThat(newest.path("status").asText()).isEqualTo("completed");
        assertThat(newest.path("node").asText()).isEqualTo("cli-node");
        assertThat(newest.path("attempts").asInt()).isEqualTo(1);
        ExactOutput.assertExactJsonl(mapper, exportDir(newest.path("export_id").asText()), TYPES, this::sourceIds);
    }

    @Test
    void should_refuse_to_start_in_cluster_mode_with_an_embedded_h2_store() throws Exception {
        Path dir = Files.createDirectories(root.resolve("h2"));
        ServiceProcess p = ServiceProcess.launch(dir, List.of("-Xmx128m"), List.of("exporter.cluster.enabled=true",
                "exporter.demo.rows=10"), "service.log");
        cluster.stopAtEnd(p);
        assertThat(p.awaitExit(Duration.ofSeconds(120))).isEqualTo(2);
        List<String> lines = p.logText().lines().filter(l -> l.contains("cannot start")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("exporter.cluster.enabled=true needs a PostgreSQL state store").contains("embedded H2");
    }

    private ServiceProcess start(String node) throws Exception {
        return cluster.start(node, settings(node));
    }

    /** A node's settings: the shared store, source and output directory, its own name. */
    private List<String> settings(String node) {
        return List.of("exporter.cluster.enabled=true", "exporter.cluster.node-id=" + node, "exporter.cluster.lease=" + LEASE,
                "exporter.store.url=" + TestPostgres.baseUrl() + store, "exporter.store.username=" + TestPostgres.USER,
                "exporter.source.url=" + TestPostgres.baseUrl() + source, "exporter.source.username=" + TestPostgres.USER,
                "exporter.demo.enabled=true", "exporter.demo.rows=20000", "exporter.output.dir=" + root.resolve("exports"),
                "exporter.output.min-free-disk=0", "exporter.max-concurrent-exports=3");
    }

    /** The events of a node's GET /api/events (their data), gathered as they come. */
    private List<JsonNode> subscribe(ServiceProcess node) {
        List<JsonNode> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + node.port + "/api/events")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
                    if (line.startsWith("data:")) {
                        try {
                            events.add(mapper.readTree(line.substring(5)));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }));
        return events;
    }

    private static Set<String> completedIn(List<JsonNode> events) {
        return events.stream().filter(e -> e.path("status").asText().equals("completed")).map(e -> e.path("export_id").asText())
                .collect(Collectors.toSet());
    }

    private Path exportDir(String id) {
        return root.resolve("exports").resolve(id);
    }

    private JsonNode awaitFinished(ServiceProcess node, String id) {
        return ClusterHarness.awaitFinished(node, id);
    }

    private static boolean running(ServiceProcess node, String id) {
        try {
            JsonNode s = node.status(id);
            return s.path("status").asText().equals("running") && !s.path("node").asText().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static long processedOrZero(ServiceProcess node, String id) {
        try {
            return processed(node, id);
        } catch (Exception e) {
            return 0;
        }
    }

    private static long processed(ServiceProcess node, String id) throws Exception {
        return node.status(id).path("processed_records").asLong();
    }

    private Set<String> clusterNodes(ServiceProcess node) throws Exception {
        return runningPerNode(node).keySet();
    }

    private Map<String, List<String>> runningPerNode(ServiceProcess node) throws Exception {
        JsonNode body = mapper.readTree(node.get("/api/cluster").body());
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode n : body.path("nodes")) {
            List<String> running = new ArrayList<>();
            n.path("running_exports").forEach(r -> running.add(r.asText()));
            assertThat(n.path("last_heartbeat").asText()).endsWith("Z");
            out.put(n.path("node_id").asText(), running);
        }
        return out;
    }

    private List<Long> sourceIds(String table) throws SQLException {
        return cluster.sourceIds(table);
    }
}
