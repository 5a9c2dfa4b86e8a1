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

    /** GET / and GET /ui/{name}. */
    public void serve(Exchange exchange) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class);
        name = name == null || !name.startsWith("/ui/") ? null : HttpParams.pathSegment(exchange, 1);
        if (name == null || name.isEmpty()) {
            name = "index.html";
        }
        if (!NAME.matcher(name).matches()) {
            throw new RequestException(404, "not_found", "no such page: " + name);
        }
        InputStream in = WebAssets.class.getResourceAsStream("/web/" + name);
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
}
