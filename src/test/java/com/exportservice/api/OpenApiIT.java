package com.exportservice.api;

import com.exportservice.e2e.RunningService;
import com.exportservice.request.ExportConfigParser;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/openapi.json of the real service cannot drift from the API: its operations are exactly the REST
 * routes plus the event stream, each with its answers and its path parameters, and its schemas have exactly
 * the fields the service writes (and, for the request, the fields the parser takes). The API page serves
 * Swagger UI from the classpath.
 */
class OpenApiIT {
    @TempDir
    static Path workingDir;
    static RunningService service;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "300"));
        HttpResponse<String> r = service.get("/api/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        doc = service.json(r);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void should_describe_exactly_the_rest_routes_and_the_event_stream() {
        Set<String> routes = new TreeSet<>();
        Model model = service.server.camelContext().getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                routes.add(verb.asVerb().toUpperCase() + " " + rest.getPath() + verb.getPath());
            }
        }
        routes.add("GET " + ApiDocument.EVENTS_PATH);

        assertThat(operations()).isEqualTo(routes);
        assertThat(doc.path("openapi").asText()).startsWith("3.");
    }

    @Test
    void should_give_every_operation_an_id_answers_and_its_path_parameters() throws Exception {
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey() + " " + path.getKey();
            assertThat(op.getValue().path("operationId").asText()).as(where).startsWith("api-");
            assertThat(op.getValue().path("responses").size()).as(where).isPositive();
            Set<String> declared = new HashSet<>(op.getValue().path("parameters").findValuesAsText("name"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path.getKey());
            while (m.find()) {
                assertThat(declared).as(where).contains(m.group(1));
            }
        }));
        JsonNode create = doc.path("paths").path("/api/exports").path("post");
        assertThat(create.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("/ExportConfig");
        assertThat(create.path("responses").has("202")).isTrue();
        assertThat(create.path("responses").has("400")).isTrue();
        JsonNode example = service.mapper.readTree(doc.path("paths").path("/api/exports/{id}/status").path("get").path("responses")
                .path("200").path("content").path("application/json").path("examples").path("application/json").path("value").asText());
        assertThat(names(example)).as("the example has the schema's fields").isEqualTo(properties("ExportStatus"));
        assertThat(doc.path("paths").path("/api/exports").path("get").path("parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("status", "limit", "offset", "q");
    }

    @Test
    void should_give_schemas_exactly_the_fields_the_service_writes_and_reads() throws Exception {
        String id = service.startExport("{\"data_types\":[\"metrics\"]}");
        JsonNode status = service.awaitFinished(id);
        JsonNode summary = service.json(service.get("/api/exports")).path("exports").get(0);
        JsonNode error = service.json(service.get("/api/exports/exp-unknown/status"));

        // node: written in cluster mode only (ClusterIT), so a single node writes every other field
        assertThat(properties("ExportStatus")).isEqualTo(with(names(status), "node"));
        assertThat(properties("DataTypeStatus")).isEqualTo(names(status.path("data_type_status").path("metrics")));
        assertThat(properties("ExportSummary")).isEqualTo(with(names(summary), "node"));
        JsonNode cluster = service.json(service.get("/api/cluster"));
        assertThat(properties("ClusterNodes")).isEqualTo(names(cluster));
        assertThat(properties("NodeStatus")).isEqualTo(names(cluster.path("nodes").get(0)));
        assertThat(properties("ErrorBody")).isEqualTo(names(error));
        assertThat(properties("ExportConfig")).isEqualTo(new TreeSet<>(ExportConfigParser.FIELDS));
    }

    @Test
    void should_serve_the_api_page_and_its_renderer_from_the_classpath() throws Exception {
        HttpResponse<String> page = service.get("/ui/api.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/ui/swagger-ui-bundle.js", "/ui/api.js").doesNotContain("<script>");
        assertThat(service.get("/ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(service.get("/ui/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(service.get("/ui/api.js").body()).contains("/api/openapi.json");
        assertThat(service.get("/ui/index.html").statusCode()).as("the webjar's own page, with inline script, is not served")
                .isEqualTo(200); // ours
        assertThat(service.get("/ui/swagger-initializer.js").statusCode()).isEqualTo(404);
    }

    private static Set<String> operations() {
        Set<String> out = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> out.add(m.toUpperCase() + " " + p.getKey())));
        return out;
    }

    private static Set<String> with(Set<String> names, String name) {
        Set<String> out = new TreeSet<>(names);
        out.add(name);
        return out;
    }

    private static Set<String> properties(String schema) {
        return names(doc.path("components").path("schemas").path(schema).path("properties"));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
