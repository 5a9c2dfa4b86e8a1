package com.exportservice.e2e;

import com.exportservice.testsupport.TestMariaDb;
import com.exportservice.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
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
 * The service against the real databases of a deployment: PostgreSQL ({@link TestPostgres}) and MariaDB
 * ({@link TestMariaDb}) as the source, the state store in PostgreSQL. Each test creates its own database and drops it afterwards.
 */
class RealDatabasesIT {
    @TempDir
    Path workingDir;

    @Test
    @Tag(TestPostgres.TAG)
    void should_export_from_postgresql_with_state_in_postgresql() throws Exception {
        String pg = TestPostgres.baseUrl();
        String source = "exp_src_" + suffix();
        String store = "exp_state_" + suffix();
        pg("CREATE DATABASE " + source);
        pg("CREATE DATABASE " + store);
        try {
            exportAndCheck(Map.of(
                    "exporter.source.url", pg + source, "exporter.source.username", TestPostgres.USER,
                    "exporter.store.url", pg + store, "exporter.store.username", TestPostgres.USER,
                    "exporter.demo.enabled", "true"), pg + source, TestPostgres.USER, TestPostgres.PASSWORD);
        } finally {
            pg("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
            pg("DROP DATABASE IF EXISTS " + store + " WITH (FORCE)");
        }
    }

    @Test
    void should_export_from_mariadb() throws Exception {
        String mariadb = TestMariaDb.baseUrl();
        String source = "exp_src_" + suffix();
        mariadb("CREATE DATABASE " + source);
        try {
            exportAndCheck(Map.of(
                    "exporter.source.url", mariadb + source, "exporter.source.username", TestMariaDb.USER,
                    "exporter.demo.enabled", "true"), mariadb + source, TestMariaDb.USER, TestMariaDb.PASSWORD);
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
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl() + "postgres", TestPostgres.USER, TestPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void mariadb(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestMariaDb.baseUrl(), TestMariaDb.USER, TestMariaDb.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
