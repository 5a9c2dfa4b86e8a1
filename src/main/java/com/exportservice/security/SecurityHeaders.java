package com.exportservice.security;

import java.util.function.BiConsumer;

/**
 * The headers every answer carries (contract section 11): no content sniffing, no referrer, no framing;
 * a strict Content-Security-Policy (the UI's pages load only this service's own script and style, no
 * inline code; everything else may load nothing at all); and nothing under {@code /api} is cached.
 */
public final class SecurityHeaders {
    /** The web UI: its own files only, nothing inline, never inside a frame. */
    public static final String UI_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** API answers and files: a browser that renders one anyway runs and loads nothing. */
    public static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    private SecurityHeaders() {
    }

    /**
     * Sets the headers for an answer to a request for this path.
     *
     * @param set sets one header, replacing any value it had
     */
    public static void apply(String path, BiConsumer<String, String> set) {
        set.accept("X-Content-Type-Options", "nosniff");
        set.accept("Referrer-Policy", "no-referrer");
        set.accept("X-Frame-Options", "DENY");
        boolean ui = path.equals("/") || path.equals("/index.html") || path.startsWith("/ui/");
        set.accept("Content-Security-Policy", ui ? UI_POLICY : DATA_POLICY);
        if (path.startsWith("/api/") || path.equals("/api")) {
            set.accept("Cache-Control", "no-store");
        }
    }
}
