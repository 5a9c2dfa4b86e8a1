package com.exportservice.api;

import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.engine.ExportFinalizer;
import com.exportservice.engine.ExportPreview;
import com.exportservice.output.ZipPackager;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.request.FilterOperator;
import com.exportservice.request.Problem;
import com.exportservice.schedule.ScheduleOverview;
import com.exportservice.security.Caller;
import com.exportservice.status.ExportNotFoundException;
import com.exportservice.security.CallerUser;
import com.exportservice.security.ForbiddenException;
import com.exportservice.source.QueryGuard;
import com.exportservice.status.DataTypeCheckpoint;
import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.ExportSummary;
import com.exportservice.status.HistoryFilter;
import com.exportservice.status.StatusTracker;
import com.exportservice.submission.ExportSubmission;
import com.exportservice.submission.RequestErrors;
import com.exportservice.submission.RequestException;
import com.exportservice.submission.Trigger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.exportservice.cluster.ClusterNodes;
import com.exportservice.cluster.ClusterView;
import com.exportservice.cluster.NodeStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The HTTP API of contract section 9 ({@code exportApi}): each method answers one row of the table,
 * reading path and query parameters from the request line ({@link HttpParams}), for the {@link Caller}
 * the access gate let through: a token limited to data types sees and starts only exports of those.
 */
public final class ExportApi {
    /** How error messages name the body of a request. */
    static final String REQUEST_BODY = "the request body";

    private final ExportSubmission exports;
    private final ExportPreview previews;
    private final StatusTracker status;
    private final DataTypes dataTypes;
    private final ObjectMapper mapper;
    private final ExecutorService streaming;
    private final HealthCheck health;
    private final ScheduleOverview schedules;
    private final ClusterView cluster;

    public ExportApi(ExportSubmission exports, ExportPreview previews, StatusTracker status, DataTypes dataTypes,
                     ObjectMapper mapper, ExecutorService streaming, HealthCheck health, ScheduleOverview schedules,
                     ClusterView cluster) {
        this.cluster = cluster;
        this.exports = exports;
        this.previews = previews;
        this.status = status;
        this.dataTypes = dataTypes;
        this.mapper = mapper;
        this.streaming = streaming;
        this.health = health;
        this.schedules = schedules;
    }

    /** POST /api/exports */
    public void create(Exchange exchange) throws IOException {
        Caller caller = CallerUser.of(exchange);
        ExportStatus created = exports.submit(requestBody(exchange, caller), Trigger.HTTP, caller.name());
        json(exchange, 202, created);
        exchange.getMessage().setHeader("Location", "/api/exports/" + created.exportId());
    }

    /**
     * POST /api/exports/preview (with {@code ?id=}: only the record of that id, so a validation report's example
     * ids can be looked at): a few at once (429 beyond), its queries bounded by the preview timeout (503
     * beyond it) and cancelled when the client closes the connection.
     */
    public void preview(Exchange exchange) throws Exception {
        JsonNode request = requestBody(exchange, CallerUser.of(exchange));
        QueryGuard queries = previews.guard();
        // the close handler runs on the event loop: the cancel (a network call for some drivers) does not
        onClientGone(exchange, () -> streaming.execute(queries::cancel));
        try {
            json(exchange, 200, previews.preview(request, HttpParams.query(exchange, "id"), queries));
        } catch (ExportPreview.BusyException e) {
            throw new RequestException(429, "too_many_previews", e.getMessage());
        } catch (SQLTimeoutException e) {
            throw new RequestException(503, "query_timeout", "the preview took too long: " + e.getMessage()
                    + "; narrow it (dates, filters) or start the export, which has no such limit");
        } catch (SQLException e) {
            if (!queries.isCancelled()) {
                throw e;
            }
            org.slf4j.LoggerFactory.getLogger(ExportApi.class).info("preview cancelled: its client closed the connection");
            throw new RequestException(503, "cancelled", "the preview was cancelled: its client went away");
        }
    }

    /** Runs {@code action} when the request's connection closes before its answer is sent (at once if it has). */
    private static void onClientGone(Exchange exchange, Runnable action) {
        if (exchange.getIn() instanceof org.apache.camel.component.platform.http.vertx.HttpMessage http) {
            io.vertx.core.http.HttpServerResponse response = http.getResponse();
            response.closeHandler(ignored -> action.run());
            if (response.closed()) {
                action.run();
            }
        }
    }

    /** GET /api/exports?status=&limit=&offset=&q= */
    public void list(Exchange exchange) throws IOException {
        HistoryQuery query = HistoryQuery.parse(HttpParams.query(exchange, "status"), HttpParams.query(exchange, "limit"),
                HttpParams.query(exchange, "offset"), HttpParams.query(exchange, "q"));
        // a token limited to data types lists only the exports all of whose data types it covers
        HistoryFilter filter = new HistoryFilter(query.state(), CallerUser.of(exchange).dataTypes(), query.text());
        List<ExportSummary> page = status.history(filter, query.limit(), query.offset()).stream()
                .map(ExportStatus::summary).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exports", page);
        body.put("total", status.historyCount(filter));
        json(exchange, 200, body);
    }

    /** GET /api/exports/{id}: summary plus config, files and validation. */
    public void get(Exchange exchange) throws IOException {
        String id = id(exchange);
        ExportStatus s = visibleStatus(exchange, id);
        ObjectNode body = mapper.valueToTree(s.summary());
        body.set("config", mapper.readTree(status.configJson(id)));
        ArrayNode files = body.putArray("files");
        for (DataTypeCheckpoint cp : status.checkpoints(id)) {
            if (cp.fileName() != null && ExportState.COMPLETED.jsonName().equals(s.status()) && !s.expired()) {
                ObjectNode f = files.addObject();
                f.put("name", cp.fileName());
                f.put("data_type", cp.dataType());
                f.put("records", cp.checkpoint().written());
                f.put("bytes", cp.checkpoint().fileBytes());
                f.put("sha256", cp.sha256());
            }
        }
        JsonNode report = reportSoFar(id);
        body.set("validation", report == null ? null : report);
        json(exchange, 200, body);
    }

    /** GET /api/exports/{id}/status */
    public void status(Exchange exchange) throws IOException {
        json(exchange, 200, visibleStatus(exchange, id(exchange)));
    }

    /** GET /api/exports/{id}/attempts: every run of the export (start, retries, resumptions), first first. */
    public void attempts(Exchange exchange) throws IOException {
        String id = id(exchange);
        visibleStatus(exchange, id);
        json(exchange, 200, Map.of("attempts", status.attempts(id)));
    }

    /** GET /api/exports/{id}/validation: the report so far; 409 before any batch was validated. */
    public void validation(Exchange exchange) throws IOException {
        String id = id(exchange);
        visibleStatus(exchange, id);
        JsonNode report = reportSoFar(id);
        if (report == null) {
            throw new RequestException(409, "conflict", "export " + id + " has no validation report yet (no batch validated)");
        }
        json(exchange, 200, report);
    }

    /** GET /api/exports/{id}/files/{name}: a file named in the manifest, streamed with its length. */
    public void file(Exchange exchange) throws IOException {
        String id = id(exchange);
        String name = HttpParams.pathSegment(exchange, 4);
        ExportStatus s = requireFiles(visibleStatus(exchange, id));
        Set<String> dataFiles = new LinkedHashSet<>();
        status.checkpoints(id).forEach(cp -> {
            if (cp.fileName() != null) {
                dataFiles.add(cp.fileName());
            }
        });
        Path dir = status.directory(id);
        boolean completed = ExportState.COMPLETED.jsonName().equals(s.status());
        Set<String> allowed = new LinkedHashSet<>(dataFiles);
        allowed.add(ExportFinalizer.MANIFEST);
        allowed.add(ExportFinalizer.VALIDATION_REPORT);
        allowed.add(id + ".zip");
        if (!completed || name == null || !allowed.contains(name)) {
            throw new RequestException(404, "not_found", "export " + id + " has no file '" + name + "'");
        }
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
            sendFile(exchange, file, contentType(name));
            return;
        }
        Path zip = dir.resolve(id + ".zip");
        if (Files.isRegularFile(zip)) {
            // with compression the data files and the report live only inside the zip
            ZipFile zf = new ZipFile(zip.toFile());
            ZipEntry entry = zf.getEntry(name);
            if (entry != null) {
                InputStream in = new java.io.FilterInputStream(zf.getInputStream(entry)) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        zf.close();
                    }
                };
                stream(exchange, in, entry.getSize(), contentType(name));
                return;
            }
            zf.close();
        }
        throw new RequestException(404, "not_found", "export " + id + " has no file '" + name + "'");
    }

    /** GET /api/exports/{id}/download: the zip; without compression a zip of the files, streamed. */
    public void download(Exchange exchange) throws IOException {
        String id = id(exchange);
        ExportStatus s = requireFiles(visibleStatus(exchange, id));
        if (!ExportState.COMPLETED.jsonName().equals(s.status())) {
            throw new RequestException(409, "conflict", "export " + id + " is " + s.status() + "; only a completed export can be downloaded");
        }
        Path dir = status.directory(id);
        Path zip = dir.resolve(id + ".zip");
        if (Files.isRegularFile(zip)) {
            if (exchange.getIn() instanceof org.apache.camel.component.platform.http.vertx.HttpMessage http) {
                http.getResponse().putHeader("Content-Disposition", "attachment; filename=\"" + id + ".zip\"");
            }
            sendFile(exchange, zip, "application/zip");
            return;
        }
        List<Path> files = new ArrayList<>();
        for (DataTypeCheckpoint cp : status.checkpoints(id)) {
            files.add(dir.resolve(cp.fileName()));
        }
        files.add(dir.resolve(ExportFinalizer.VALIDATION_REPORT));
        files.add(dir.resolve(ExportFinalizer.MANIFEST));
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        streaming.execute(() -> {
            try (out) {
                new ZipPackager().writeZip(files, out);
            } catch (IOException e) {
                // the client went away or a file vanished; the reader sees a truncated stream
                org.slf4j.LoggerFactory.getLogger(ExportApi.class).warn("download of {} stopped: {}", id, e.getMessage());
            }
        });
        respond(exchange, 200, "application/zip", in);
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"" + id + ".zip\"");
    }

    /** POST /api/exports/{id}/cancel */
    public void cancel(Exchange exchange) throws IOException {
        String id = id(exchange);
        visibleStatus(exchange, id);
        json(exchange, 202, status.requestCancel(id));
    }

    /** POST /api/exports/{id}/retry */
    public void retry(Exchange exchange) throws IOException {
        String id = id(exchange);
        visibleStatus(exchange, id);
        json(exchange, 202, exports.retry(id));
    }

    /** GET /api/data-types: fields, types, enum values and filter operators (drives the filter UI). */
    public void dataTypes(Exchange exchange) throws IOException {
        List<Object> types = new ArrayList<>();
        Caller caller = CallerUser.of(exchange);
        dataTypes.all().stream().filter(t -> caller.maySee(List.of(t.name()))).forEach(t -> {
            List<Object> fields = new ArrayList<>();
            for (FieldDef f : t.fields()) {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", f.name());
                field.put("type", f.type().yamlName());
                if (!f.values().isEmpty()) {
                    field.put("values", f.values());
                }
                field.put("operators", ExportConfigParser.operatorsFor(f.type()).stream().map(FilterOperator::jsonName).toList());
                fields.add(field);
            }
            Map<String, Object> type = new LinkedHashMap<>();
            type.put("name", t.name());
            type.put("timestamp_field", t.timestampColumn() == null ? null
                    : t.fieldByColumn(t.timestampColumn()).map(FieldDef::name).orElse(t.timestampColumn()));
            type.put("fields", fields);
            types.add(type);
        });
        json(exchange, 200, Map.of("data_types", types));
    }

    /** GET /api/schedules */
    public void schedules(Exchange exchange) throws IOException {
        Caller caller = CallerUser.of(exchange);
        // a token limited to data types sees the schedules that export only those
        json(exchange, 200, Map.of("schedules", schedules.list().stream().filter(s -> caller.maySee(s.dataTypes())).toList()));
    }

    /** GET /api/cluster: the live nodes, their last heartbeat and running exports (those the caller may see). */
    public void cluster(Exchange exchange) throws IOException, java.sql.SQLException {
        Caller caller = CallerUser.of(exchange);
        List<NodeStatus> nodes = new ArrayList<>();
        for (NodeStatus n : cluster.nodes().nodes()) {
            nodes.add(new NodeStatus(n.nodeId(), n.lastHeartbeat(), n.runningExports().stream()
                    .filter(id -> mayShow(caller, id)).toList()));
        }
        json(exchange, 200, new ClusterNodes(nodes));
    }

    private boolean mayShow(Caller caller, String exportId) {
        try {
            return caller.maySee(status.status(exportId).dataTypeStatus().keySet());
        } catch (ExportNotFoundException e) {
            return false;
        }
    }

    /** GET /api/health: 200 UP, or 503 naming what is unreachable. */
    public void health(Exchange exchange) throws IOException {
        List<Problem> down = health.problems();
        if (down.isEmpty() || !CallerUser.of(exchange).identified()) {
            // without credentials (when tokens are required) only the status, no details of the databases
            json(exchange, down.isEmpty() ? 200 : 503, Map.of("status", down.isEmpty() ? "UP" : "DOWN"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "unavailable");
        body.put("message", "not working: " + String.join(", ", down.stream().map(Problem::field).distinct().toList()));
        body.put("details", down);
        body.put("status", "DOWN");
        json(exchange, 503, body);
    }

    /** Answers an exception caught on any API route with the contract's error body. */
    public void error(Exchange exchange) throws IOException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RequestException e = cause instanceof ForbiddenException f
                ? new RequestException(403, "forbidden", f.getMessage()) : RequestErrors.translate(cause);
        json(exchange, e.status(), e.body());
        if (e.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"export-service\"");
        }
    }

    private JsonNode reportSoFar(String id) throws IOException {
        return ExportFinalizer.validationReport(id, status.checkpoints(id));
    }

    /**
     * The body of a POST that names data types; refused (403) before it is checked when it names a data
     * type the caller's token does not cover.
     */
    private static JsonNode requestBody(Exchange exchange, Caller caller) {
        JsonNode body = JsonBodies.read(exchange, REQUEST_BODY);
        JsonNode types = body.path("data_types");
        if (types.isArray()) {
            List<String> named = new ArrayList<>();
            types.forEach(t -> named.add(t.asText()));
            caller.requireDataTypes(named);
        }
        return body;
    }

    /** The status of an export the caller may see: 404 when unknown, 403 when of a data type outside its token. */
    private ExportStatus visibleStatus(Exchange exchange, String id) {
        ExportStatus s = status.status(id);
        CallerUser.of(exchange).requireDataTypes(s.progress().keySet());
        return s;
    }

    /** 410 for an export whose files the retention policy deleted. */
    private static ExportStatus requireFiles(ExportStatus s) {
        if (s.expired()) {
            throw new RequestException(410, "expired", "export " + s.exportId() + " expired: its files were deleted by the "
                    + "retention policy (exporter.output.retention); its record and validation report remain");
        }
        return s;
    }

    /** The export id of /api/exports/{id}/...: from the path itself. */
    private static String id(Exchange exchange) {
        return HttpParams.pathSegment(exchange, 2);
    }

    private void json(Exchange exchange, int code, Object body) throws JsonProcessingException {
        respond(exchange, code, "application/json", mapper.writeValueAsBytes(body));
    }

    /**
     * Sends a stream of known length (a file inside the zip) with that length as its only framing.
     * Given an InputStream, platform-http answers chunked, and a Content-Length put beside that would
     * make two framings (RFC 9112 6.3); so the response is written here, a 64 KiB chunk at a time, each
     * one sent before the next is read (memory stays bounded), and ended.
     */
    private static void stream(Exchange exchange, InputStream in, long length, String contentType) throws IOException {
        if (!(exchange.getIn() instanceof org.apache.camel.component.platform.http.vertx.HttpMessage http)
                || io.vertx.core.Context.isOnEventLoopThread()) {
            // no worker thread of the HTTP server to write from: platform-http streams it (chunked) and closes it
            respond(exchange, 200, contentType, in);
            return;
        }
        io.vertx.core.http.HttpServerResponse response = http.getResponse();
        response.setStatusCode(200).putHeader("Content-Type", contentType).putHeader("Content-Length", String.valueOf(length));
        try (in) {
            byte[] chunk = new byte[64 * 1024];
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                awaitSent(response.write(io.vertx.core.buffer.Buffer.buffer(java.util.Arrays.copyOf(chunk, n))), contentType);
            }
            awaitSent(response.end(), contentType);
        } catch (IOException e) {
            if (!response.headWritten()) {
                throw e;
            }
            // part of the body is out: no error answer can follow; closing the connection tells the client
            org.slf4j.LoggerFactory.getLogger(ExportApi.class).warn("sending a file stopped: {}", e.getMessage());
            response.reset();
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(null);
    }

    /**
     * Sends a file with the HTTP server's own zero-copy file sending, which gives it a Content-Length
     * (platform-http would send an InputStream chunked, without one).
     */
    private static void sendFile(Exchange exchange, Path file, String contentType) throws IOException {
        if (exchange.getIn() instanceof org.apache.camel.component.platform.http.vertx.HttpMessage http
                && !io.vertx.core.Context.isOnEventLoopThread()) {
            http.getResponse().setStatusCode(200).putHeader("Content-Type", contentType);
            // wait on this worker thread until the event loop has sent it; the response is then ended
            // and platform-http adds nothing
            awaitSent(http.getResponse().sendFile(file.toString()), file.getFileName().toString());
            exchange.getIn().removeHeaders("*");
            exchange.getIn().setBody(null);
            return;
        }
        stream(exchange, Files.newInputStream(file), Files.size(file), contentType);
    }

    /** Blocks this worker thread until the event loop has sent {@code write}. */
    private static void awaitSent(io.vertx.core.Future<Void> write, String what) throws IOException {
        try {
            write.toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("sending " + what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Sets the answer. The request's headers are dropped first: platform-http turns query and form
     * parameters into headers, and none of them belongs in the response (a JSON body sent as a form by
     * {@code curl -d} would otherwise come back as a header name).
     */
    static void respond(Exchange exchange, int code, String contentType, Object body) {
        org.apache.camel.Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, code);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
        m.setBody(body);
    }

    static String contentType(String name) {
        if (name.endsWith(".zip")) {
            return "application/zip";
        }
        if (name.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (name.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        return "application/json";
    }
}
