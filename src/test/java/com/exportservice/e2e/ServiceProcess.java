package com.exportservice.e2e;

import com.exportservice.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built jar ({@code target/export-service.jar}) run as its own process in a working directory, with
 * JVM options and settings as system properties, its output in a log file: for what only a real process
 * shows (a heap limit, an out-of-memory exit, a kill).
 */
public final class ServiceProcess implements AutoCloseable {
    public final int port;
    public final Path log;
    private final Process process;
    private final ObjectMapper mapper = Json.newMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the jar and waits until it answers its health check.
     *
     * @param jvmOptions e.g. {@code -Xmx128m}
     * @param settings   {@code key=value} pairs, passed as system properties
     * @param logName    the log file's name in the working directory
     */
    public static ServiceProcess start(Path workingDir, List<String> jvmOptions, List<String> settings, String logName) throws Exception {
        ServiceProcess service = launch(workingDir, jvmOptions, settings, logName);
        assertThat(service.isAlive()).as("started; its log: " + service.logText()).isTrue();
        return service;
    }

    /** As {@link #start}, for a process that may end before it answers (one that runs out of memory at once). */
    public static ServiceProcess launch(Path workingDir, List<String> jvmOptions, List<String> settings, String logName) throws Exception {
        Path jar = Path.of("target/export-service.jar").toAbsolutePath();
        assertThat(jar).as("built by the package phase").exists();
        int port = RunningService.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dexporter.http.port=" + port);
        settings.forEach(s -> command.add("-D" + s));
        command.add("-jar");
        command.add(jar.toString());
        Path log = workingDir.resolve(logName);
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(port, log, process);
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> !process.isAlive() || service.get("/api/health").statusCode() == 200);
        return service;
    }

    /** The JVM options the service ships with ({@code config/jvm.options}, as {@code bin/export-service} reads them). */
    public static List<String> shippedJvmOptions() throws IOException {
        return Files.readAllLines(Path.of("config/jvm.options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Starts an export, expecting 202; returns its id. */
    public String startExport(String request) throws Exception {
        HttpResponse<String> r = post("/api/exports", request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return mapper.readTree(r.body()).path("export_id").asText();
    }

    public JsonNode status(String exportId) throws Exception {
        return mapper.readTree(get("/api/exports/" + exportId + "/status").body());
    }

    /** Waits until the process has ended on its own; returns its exit status. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        assertThat(process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)).as("ended within " + atMost).isTrue();
        return process.exitValue();
    }

    /** Sends a signal to the process ({@code KILL}, {@code STOP}, {@code CONT}), as {@code kill -s} does. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, String.valueOf(process.pid())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(kill.waitFor()).as("kill -s " + name).isZero();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Kills the process (SIGKILL) if it still runs. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
