package com.exportservice.api;

import com.exportservice.submission.RequestException;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the web UI from the classpath ({@code web/}) only, never from the working directory (where
 * {@code config/} holds credentials), and only files with an allowed extension and a plain name.
 */
public final class WebAssets {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(html|js|css|svg|png|ico)");
    /** The API page's renderer: these files of the Swagger UI webjar, by name (its stock index.html, with inline script, is not served). */
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
    private static final java.util.Set<String> SWAGGER_FILES = java.util.Set.of("swagger-ui-bundle.js", "swagger-ui.css");

    /** GET /, GET /favicon.ico and GET /ui/{name}. */
    public void serve(Exchange exchange) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class);
        boolean favicon = "/favicon.ico".equals(name);
        name = name == null || !name.startsWith("/ui/") ? null : HttpParams.pathSegment(exchange, 1);
        if (favicon) {
            // browsers and tools ask for it at the root whatever the page says: the same icon
            name = "favicon.svg";
        } else if (name == null || name.isEmpty()) {
            name = "index.html";
        }
        if (!NAME.matcher(name).matches()) {
            throw new RequestException(404, "not_found", "no such page: " + name);
        }
        InputStream in = WebAssets.class.getResourceAsStream((SWAGGER_FILES.contains(name) ? SWAGGER_UI : "/web/") + name);
        if (in == null) {
            throw new RequestException(404, "not_found", "no such page: " + name);
        }
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        ExportApi.respond(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), bytes);
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
    }

    /** The webjar's version, from its Maven metadata (so a version bump in the pom needs nothing here). */
    private static String swaggerUiVersion() {
        try (InputStream in = WebAssets.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            return "missing";
        }
    }
}
