package com.exportservice.e2e;

import com.exportservice.Json;
import com.exportservice.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode's triggers (contract section 12, docs/cluster.md): three service processes (the built jar) with
 * {@code exporter.cluster.enabled=true} on one PostgreSQL store, sharing one inbox and one output directory, each
 * with a schedules file holding the same schedules. Every node's scheduler competes for every fire time: a cron
 * and an {@code every} schedule each make exactly one export per fire time, and three files dropped into the
 * shared inbox make exactly three exports. Each node exports from its own embedded demo database (the same ids),
 * so an incremental schedule that read its high-water marks from anywhere but the shared store would export
 * every row again on the next node.
 */
@Tag(TestPostgres.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTriggersIT {
    private static final int ROWS = 200;
    private static final Duration PERIOD = Duration.ofSeconds(3);
    /** How a fire shows in a node's log (schedule.ScheduleRunner). */
    private static final Pattern FIRE = Pattern.compile(
            "schedule (\\S+) (?:\\([^)]*\\) )?\\(fire time (\\S+)\\): (started export (\\S+)|fire skipped)");

    @TempDir
    static Path root;
    private String database;
    private final List<ServiceProcess> nodes = new ArrayList<>();
    private Path inbox;

    @BeforeAll
    void startThreeNodes() throws Exception {
        database = "triggers_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + database);
        inbox = Files.createDirectories(root.resolve("shared/inbox"));
        Path output = Files.createDirectories(root.resolve("shared/exports"));
        Path schedules = root.resolve("shared/schedules.yaml");
        Files.writeString(schedules, """
                schedules:
                  - id: cron-logs
                    cron: "0/3 * * * * ?"
                    incremental: true
                    export: { data_types: [logs], output_format: jsonl }
                  - id: every-events
                    every: PT3S
                    export: { data_types: [events], output_format: csv }
                """);
        for (String node : List.of("node-a", "node-b", "node-c")) {
            Path dir = Files.createDirectories(root.resolve(node));
            nodes.add(ServiceProcess.start(dir, ServiceProcess.shippedJvmOptions(), List.of(
                    "exporter.cluster.enabled=true",
                    "exporter.store.url=" + TestPostgres.baseUrl() + database,
                    "exporter.store.username=" + TestPostgres.USER,
                    "exporter.store.password=" + TestPostgres.PASSWORD,
                    "exporter.demo.rows=" + ROWS,
                    "exporter.output.dir=" + output,
                    "exporter.inbox.dir=" + inbox,
                    "exporter.schedules.file=" + schedules), "service.log"));
        }
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (ServiceProcess node : nodes) {
            node.close();
        }
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void should_make_one_export_per_fire_time_of_a_cron_schedule_firing_on_every_node() throws Exception {
        Map<Instant, List<String>> fires = awaitFires("cron-logs", 6);

        assertOnePerFireTime("cron-logs", fires);
        assertThat(query("SELECT COUNT(*) FROM qrtz_scheduler_state", rs -> rs.getLong(1)))
                .as("three schedulers in the Quartz cluster").containsExactly(3L);
    }

    @Test
    void should_make_one_export_per_fire_time_of_an_every_schedule_firing_on_every_node() throws Exception {
        Map<Instant, List<String>> fires = awaitFires("every-events", 6);

        assertOnePerFireTime("every-events", fires);
        // GET /api/schedules on any node: the next fire time of the shared trigger, whichever node fired last
        List<String> next = new ArrayList<>();
        for (ServiceProcess node : nodes) {
            JsonNode listed = Json.newMapper().readTree(node.get("/api/schedules").body());
            for (JsonNode schedule : listed.isArray() ? listed : listed.path("schedules")) {
                if (schedule.path("id").asText().equals("every-events")) {
                    next.add(schedule.path("next_fire_time").asText());
                }
            }
        }
        assertThat(next).hasSize(3).doesNotContain("", "null");
        assertThat(Instant.parse(next.get(2))).isAfterOrEqualTo(Instant.parse(next.get(0)))
                .isBeforeOrEqualTo(Instant.parse(next.get(0)).plus(PERIOD));
    }

    @Test
    void should_read_an_incremental_schedules_high_water_marks_from_the_shared_store() throws Exception {
        awaitFires("cron-logs", 4);
        List<String> exports = query("SELECT export_id FROM export_runs WHERE schedule_id = 'cron-logs' AND status = 'completed' "
                + "ORDER BY created_ms", rs -> rs.getString(1));
        assertThat(exports).as("completed runs").hasSizeGreaterThanOrEqualTo(2);

        List<Long> processed = new ArrayList<>();
        for (String id : exports) {
            processed.add(nodes.get(0).status(id).path("processed_records").asLong());
        }

        assertThat(processed.get(0)).as("the first run exports every row").isEqualTo(ROWS);
        assertThat(processed.subList(1, processed.size())).as("later runs, on whichever node: nothing new").containsOnly(0L);
    }

    @Test
    void should_make_one_export_per_file_dropped_into_an_inbox_the_nodes_share() throws Exception {
        for (int i = 1; i <= 3; i++) {
            // written under a hidden name and renamed: a complete file appears at once
            Path hidden = inbox.resolve(".drop-" + i + ".json");
            Files.writeString(hidden, "{\"data_types\":[\"metrics\"],\"name\":\"cluster inbox " + i + "\"}");
            Files.move(hidden, inbox.resolve("drop-" + i + ".json"), StandardCopyOption.ATOMIC_MOVE);
        }
        Path processed = inbox.resolve(".processed");

        await().atMost(Duration.ofSeconds(60)).until(() -> idFiles(processed).size() >= 3 && requestFiles(inbox).isEmpty());
        // and nothing more happens: no node takes a file a second time
        int[] seen = {-1};
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20))
                .until(() -> seen[0] == (seen[0] = inboxExports().size() + 100 * idFiles(processed).size()));

        assertThat(idFiles(processed)).hasSize(3);
        assertThat(inboxExports()).hasSize(3);

        Set<String> ids = new HashSet<>();
        for (Path f : idFiles(processed)) {
            ids.add(Files.readString(f).strip());
        }
        assertThat(ids).hasSize(3).isEqualTo(new HashSet<>(inboxExports()));
        assertThat(inbox.resolve(".failed")).isEmptyDirectory();
        assertThat(requestFiles(inbox)).as("files left in the inbox").isEmpty();
        for (String id : ids) {
            JsonNode status = nodes.get(2).status(id);
            assertThat(status.path("requested_by").asText()).isEqualTo("inbox");
        }
    }

    /**
     * Waits until at least {@code count} fire times of the schedule were decided (an export started or the fire
     * skipped) after the last node started, and answers them: fire time → what each node logged for it.
     */
    private Map<Instant, List<String>> awaitFires(String scheduleId, int count) {
        Instant allUp = Instant.now();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> fires(scheduleId).keySet().stream().filter(t -> t.isAfter(allUp)).count() >= count);
        return fires(scheduleId);
    }

    private Map<Instant, List<String>> fires(String scheduleId) {
        Map<Instant, List<String>> out = new TreeMap<>();
        for (int n = 0; n < nodes.size(); n++) {
            Matcher m = FIRE.matcher(nodes.get(n).logText());
            while (m.find()) {
                if (m.group(1).equals(scheduleId)) {
                    String outcome = m.group(4) != null ? m.group(4) : "skipped";
                    out.computeIfAbsent(Instant.parse(m.group(2)), t -> new ArrayList<>()).add("node " + n + ": " + outcome);
                }
            }
        }
        return out;
    }

    /**
     * Each fire time decided on one node only, none lost between the first and the last, and the store's exports
     * of the schedule exactly those the fires started, each requested by {@code schedule:<id>}.
     */
    private void assertOnePerFireTime(String scheduleId, Map<Instant, List<String>> fires) throws SQLException {
        System.out.println(scheduleId + ": what each node did at each fire time: " + fires);
        Map<String, Instant> started = new LinkedHashMap<>();
        List<Instant> times = new ArrayList<>(fires.keySet());
        for (Map.Entry<Instant, List<String>> fire : fires.entrySet()) {
            assertThat(fire.getValue()).as("what the nodes did at fire time " + fire.getKey() + " (all fires: " + fires + ")").hasSize(1);
            String outcome = fire.getValue().get(0);
            if (!outcome.endsWith("skipped")) {
                started.put(outcome.substring(outcome.indexOf(": ") + 2), fire.getKey());
            }
        }
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).as("consecutive fire times (all: " + times + ")").isEqualTo(PERIOD);
        }
        assertThat(started).as("exports started (some fires may be skipped while the previous one runs)").hasSizeGreaterThanOrEqualTo(3);

        // the store, read after the logs: every export of the schedule started by a logged fire, but for one
        // a fire may have made after the logs were read
        Instant logsRead = Instant.now();
        Map<String, String> stored = new LinkedHashMap<>();
        Map<String, Long> created = new LinkedHashMap<>();
        for (String[] row : query("SELECT export_id, requested_by, created_ms FROM export_runs WHERE schedule_id = '" + scheduleId + "'",
                rs -> new String[]{rs.getString(1), rs.getString(2), String.valueOf(rs.getLong(3))})) {
            stored.put(row[0], row[1]);
            created.put(row[0], Long.parseLong(row[2]));
        }
        assertThat(stored.keySet()).containsAll(started.keySet());
        stored.keySet().stream().filter(id -> !started.containsKey(id))
                .forEach(id -> assertThat(Instant.ofEpochMilli(created.get(id))).as("export " + id + " of no logged fire")
                        .isAfter(logsRead.minus(PERIOD)));
        assertThat(stored.values()).containsOnly("schedule:" + scheduleId);
    }

    private List<String> inboxExports() throws SQLException {
        return query("SELECT export_id FROM export_runs WHERE requested_by = 'inbox'", rs -> rs.getString(1));
    }

    private static List<Path> requestFiles(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static List<Path> idFiles(Path processed) throws java.io.IOException {
        if (!Files.isDirectory(processed)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(processed)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".export_id")).toList();
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + database, TestPostgres.USER, TestPostgres.PASSWORD);
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", TestPostgres.USER, TestPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
