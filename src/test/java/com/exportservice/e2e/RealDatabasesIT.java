package com.exportservice.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service against the real databases of a deployment: PostgreSQL and MariaDB as the source, the
 * state store in PostgreSQL. Each test creates its own database and drops it afterwards.
 */
class RealDatabasesIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    @TempDir
    Path workingDir;

    @Test
    void should_export_from_postgresql_with_state_in_postgresql() throws Exception {
        String source = "exp_src_" + suffix();
        String store = "exp_state_" + suffix();
        pg("CREATE DATABASE " + source);
        pg("CREATE DATABASE " + store);
        try {
            exportAndCheck(Map.of(
                    "exporter.source.url", PG + source, "exporter.source.username", "postgres",
                    "exporter.store.url", PG + store, "exporter.store.username", "postgres",
                    "exporter.demo.enabled", "true"), PG + source, "postgres", "");
        } finally {
            pg("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
            pg("DROP DATABASE IF EXISTS " + store + " WITH (FORCE)");
        }
    }

    @Test
    void should_export_from_mariadb() throws Exception {
        String source = "exp_src_" + suffix();
        mariadb("CREATE DATABASE " + source);
        try {
            exportAndCheck(Map.of(
                    "exporter.source.url", MARIADB + source, "exporter.source.username", "root",
                    "exporter.demo.enabled", "true"), MARIADB + source, "root", "");
        } finally {
            mariadb("DROP DATABASE IF EXISTS " + source);
        }
    }

    private void exportAndCheck(Map<String, String> settings, String sourceUrl, String user, String password) throws Exception {
        try (RunningService service = RunningService.start(workingDir, settings)) {
            String id = service.startExport("{\"data_types\":[\"logs\",\"events\",\"metrics\"],\"output_format\":\"jsonl\","
                    + "\"batch_size\":300,\"filters\":{\"level\":[\"ERROR\",\"WARN\"],\"source\":{\"ne\":\"auth\"}}}");
            JsonNode status = service.awaitFinished(id);

            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("completed");
            assertThat(ids(service, id, "logs")).containsExactlyElementsOf(sourceIds(sourceUrl, user, password,
                    "SELECT id FROM logs WHERE LOWER(TRIM(level)) IN ('error', 'err', 'warn', 'warning') "
                            + "AND (source IS NULL OR source <> 'auth') ORDER BY id"));
            assertThat(ids(service, id, "events")).containsExactlyElementsOf(sourceIds(sourceUrl, user, password, "SELECT id FROM events ORDER BY id"));
            List<Long> metrics = ids(service, id, "metrics");
            assertThat(metrics).hasSameSizeAs(new HashSet<>(metrics)).hasSize(2500);
            JsonNode first = service.mapper.readTree(Files.readAllLines(service.exportDir(id).resolve("events.jsonl")).get(0));
            assertThat(first.path("timestamp").asText()).endsWith("Z");
            assertThat(first.path("success").isBoolean() || first.path("success").isNull()).isTrue();
        }
    }

    private static List<Long> ids(RunningService service, String id, String type) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String line : Files.readAllLines(service.exportDir(id).resolve(type + ".jsonl"), StandardCharsets.UTF_8)) {
            ids.add(service.mapper.readTree(line).path("id").asLong());
        }
        return ids;
    }

    private static List<Long> sourceIds(String url, String user, String password, String sql) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void pg(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void mariadb(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(MARIADB, "root", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
