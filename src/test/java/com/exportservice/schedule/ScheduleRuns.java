package com.exportservice.schedule;

import com.exportservice.config.EmbeddedDatabases;
import com.exportservice.e2e.RunningService;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

/** Test helpers of the schedule ITs: the exports schedules started, what they wrote, rows added to the source. */
final class ScheduleRuns {
    private ScheduleRuns() {
    }

    /** Exports with trigger {@code schedule} (summaries), oldest first. */
    static List<JsonNode> scheduled(RunningService service) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        service.json(service.get("/api/exports?limit=500")).path("exports").forEach(e -> {
            if (e.path("trigger").asText().equals("schedule")) {
                out.add(e);
            }
        });
        out.sort(Comparator.comparing((JsonNode e) -> e.path("created_time").asText()).thenComparing(e -> e.path("export_id").asText()));
        return out;
    }

    static List<JsonNode> completed(RunningService service) throws Exception {
        return scheduled(service).stream().filter(e -> e.path("status").asText().equals("completed")).toList();
    }

    /** The ids in an export's {@code logs.jsonl}, in file order. */
    static List<Long> exportedLogIds(RunningService service, String exportId) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String line : Files.readAllLines(service.exportDir(exportId).resolve("logs.jsonl"), StandardCharsets.UTF_8)) {
            ids.add(service.mapper.readTree(line).path("id").asLong());
        }
        return ids;
    }

    /** Every log id exported by the completed scheduled runs, run after run. */
    static List<Long> allExportedLogIds(RunningService service) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (JsonNode run : completed(service)) {
            ids.addAll(exportedLogIds(service, run.path("export_id").asText()));
        }
        return ids;
    }

    static List<Long> sourceLogIds(Path workingDir) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = connect(workingDir);
             PreparedStatement ps = c.prepareStatement("SELECT id FROM logs ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Adds log rows above the largest id, in one transaction; returns their ids. */
    static List<Long> insertLogs(Path workingDir, int count) throws Exception {
        try (Connection c = connect(workingDir)) {
            long max;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM logs"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                max = rs.getLong(1);
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO logs (id, ts, level, message, host) VALUES (?, ?, ?, ?, ?)")) {
                for (long id = max + 1; id <= max + count; id++) {
                    ps.setLong(1, id);
                    ps.setTimestamp(2, Timestamp.from(Instant.now().minusSeconds(60)));
                    ps.setString(3, "INFO");
                    ps.setString(4, "added between runs, row " + id);
                    ps.setString(5, "test-01");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return LongStream.rangeClosed(max + 1, max + count).boxed().toList();
        }
    }

    private static Connection connect(Path workingDir) throws Exception {
        return DriverManager.getConnection(EmbeddedDatabases.sourceUrl(workingDir), EmbeddedDatabases.DEFAULT_USER,
                EmbeddedDatabases.DEFAULT_PASSWORD);
    }
}
