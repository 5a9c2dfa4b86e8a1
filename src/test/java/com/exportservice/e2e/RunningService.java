package com.exportservice.e2e;

import com.exportservice.ExportServer;
import com.exportservice.Json;
import com.exportservice.config.EmbeddedDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * A GET over a plain socket, answered as sent on the wire: the header lines exactly as the server
     * wrote them (an HTTP client library would hide a header it handles itself, such as
     * Transfer-Encoding) and the bytes after them, read until the server closes the connection.
     */
    public RawResponse getRaw(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] all = socket.getInputStream().readAllBytes();
            int end = 0;
            while (end + 3 < all.length && !(all[end] == '\r' && all[end + 1] == '\n' && all[end + 2] == '\r' && all[end + 3] == '\n')) {
                end++;
            }
            List<String> lines = List.of(new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n"));
            return new RawResponse(lines.get(0), lines.subList(1, lines.size()), Arrays.copyOfRange(all, Math.min(end + 4, all.length), all.length));
        }
    }

    /** A response as read from the socket: status line, header lines, body bytes as sent. */
    public record RawResponse(String statusLine, List<String> headerLines, byte[] body) {
        /** The values of every header line named {@code name} (case-insensitive). */
        public List<String> header(String name) {
            return headerLines.stream().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(l -> l.substring(name.length() + 1).trim()).toList();
        }
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

    /**
     * Holds every query of the embedded source until the returned pause is closed (H2's exclusive mode:
     * other sessions' statements wait for it), so a test can look at a running export for as long as it
     * needs; the export then carries on from where it stood. A statement under way when the pause begins
     * still finishes.
     */
    public AutoCloseable pauseSource() throws SQLException {
        Connection c = DriverManager.getConnection(EmbeddedDatabases.sourceUrl(workingDir), EmbeddedDatabases.DEFAULT_USER,
                EmbeddedDatabases.DEFAULT_PASSWORD);
        try {
            c.createStatement().execute("SET EXCLUSIVE 1");
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return () -> {
            try (c) {
                c.createStatement().execute("SET EXCLUSIVE 0");
            }
        };
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
