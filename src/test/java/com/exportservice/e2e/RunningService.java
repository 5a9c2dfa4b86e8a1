package com.exportservice.e2e;

import com.exportservice.ExportServer;
import com.exportservice.Json;
import com.exportservice.config.EmbeddedDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The real application, started in this JVM on a free port in a fresh working directory (embedded H2
 * source with demo data, embedded H2 store), with a small HTTP client for the tests.
 */
public final class RunningService implements AutoCloseable {
    public final Path workingDir;
    public final int port;
    public final ExportServer server;
    public final ObjectMapper mapper = Json.newMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningService(Path workingDir, int port, ExportServer server) {
        this.workingDir = workingDir;
        this.port = port;
        this.server = server;
    }

    public static RunningService start(Path workingDir, Map<String, String> settings) throws Exception {
        int port = freePort();
        Map<String, String> all = new HashMap<>();
        all.put("exporter.http.port", String.valueOf(port));
        all.put("exporter.demo.rows", "2500");
        all.put("exporter.retry.initial-delay-ms", "10");
        all.putAll(settings);
        return new RunningService(workingDir, port, ExportServer.start(workingDir, all, ExportServer.Mode.SERVE));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public JsonNode json(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }

    /** Posts an export request, expecting 202; returns the export id. */
    public String startExport(String configJson) throws Exception {
        HttpResponse<String> r = post("/api/exports", configJson);
        if (r.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + r.statusCode() + ": " + r.body());
        }
        return json(r).get("export_id").asText();
    }

    /** Polls the status until the export has finished; returns the last status. */
    public JsonNode awaitFinished(String exportId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = json(get("/api/exports/" + exportId + "/status"));
            String s = last[0].path("status").asText();
            return s.equals("completed") || s.equals("failed") || s.equals("cancelled");
        });
        return last[0];
    }

    /** As {@link #awaitFinished(String)}, for a service with tokens. */
    public JsonNode awaitFinishedWith(String exportId, String authorization) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = json(http.send(HttpRequest.newBuilder(uri("/api/exports/" + exportId + "/status"))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString()));
            String s = last[0].path("status").asText();
            return s.equals("completed") || s.equals("failed") || s.equals("cancelled");
        });
        return last[0];
    }

    /** The ids of a table of this service's embedded source database, in key order. */
    public List<Long> sourceIds(String table) throws SQLException {
        return sourceIds(workingDir, table);
    }

    /** The ids of a table of the embedded source database of a working directory, in key order. */
    public static List<Long> sourceIds(Path workingDir, String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(EmbeddedDatabases.sourceUrl(workingDir), EmbeddedDatabases.DEFAULT_USER,
                EmbeddedDatabases.DEFAULT_PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    public Path exportDir(String exportId) {
        return workingDir.resolve("exports").resolve(exportId);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        server.close();
    }
}
