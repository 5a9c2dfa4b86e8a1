package com.exportservice.config;

import java.nio.file.Path;

/**
 * The embedded H2 defaults used when {@code exporter.source.url} / {@code exporter.store.url} are empty:
 * file databases {@code <workingDir>/data/source} and {@code <workingDir>/data/state}, user {@code sa}
 * with an empty password. They are opened in embedded mode only, with no TCP server (H2's
 * {@code AUTO_SERVER} would listen on every interface and let any local user who reads the lock file in,
 * with the rights to run Java code); {@code data/} is private to the service's user. One process holds
 * them at a time: a second one (the one-shot command while the service runs) is told so, see
 * {@link #inUseMessage(String)}.
 */
public final class EmbeddedDatabases {
    public static final String DEFAULT_USER = "sa";
    public static final String DEFAULT_PASSWORD = "";
    public static final String SOURCE_FILE = "data/source";
    public static final String STORE_FILE = "data/state";

    private EmbeddedDatabases() {
    }

    /** The source database to export from: {@code exporter.source.*}, or the embedded default. */
    public static JdbcTarget source(Settings settings, Path workingDir) {
        return target(settings, "exporter.source", sourceUrl(workingDir));
    }

    /** The service's own state database: {@code exporter.store.*}, or the embedded default. */
    public static JdbcTarget store(Settings settings, Path workingDir) {
        return target(settings, "exporter.store", storeUrl(workingDir));
    }

    /**
     * Whether to create and seed the demo tables: {@code exporter.demo.enabled}, by default only while
     * the source is the embedded database (the service never writes to a real source on its own).
     */
    public static boolean demoEnabled(Settings settings, JdbcTarget source) {
        return settings.getBoolean("exporter.demo.enabled", source.embedded());
    }

    /** The embedded source database's URL (absolute, so the service runs from any working directory). */
    public static String sourceUrl(Path workingDir) {
        return h2FileUrl(workingDir.resolve(SOURCE_FILE));
    }

    /** The embedded state database's URL. */
    public static String storeUrl(Path workingDir) {
        return h2FileUrl(workingDir.resolve(STORE_FILE));
    }

    static String h2FileUrl(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath().normalize();
    }

    /** The directory of the embedded databases. */
    public static Path dataDirectory(Path workingDir) {
        return workingDir.resolve(SOURCE_FILE).getParent().toAbsolutePath().normalize();
    }

    /** Whether a connection failed because another process holds the embedded database file (H2 error 90020). */
    public static boolean isInUse(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException e && e.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    /** Why the embedded database cannot be opened while another process (the running service) holds it, and what to do. */
    public static String inUseMessage(String url) {
        String file = url.startsWith("jdbc:h2:file:") ? url.substring("jdbc:h2:file:".length()).split(";")[0] : url;
        return "the embedded database " + file + " is in use by another process (the service, running in this directory?). "
                + "The embedded databases serve one process at a time, with no network access to them. Either stop the "
                + "service first, or let the running service do the export (POST /api/exports, or a request file in its inbox), "
                + "or keep the state in PostgreSQL and export from a real database (exporter.store.url, exporter.source.url), "
                + "which any number of processes share.";
    }

    private static JdbcTarget target(Settings settings, String prefix, String embeddedUrl) {
        String url = settings.get(prefix + ".url");
        if (url == null) {
            return new JdbcTarget(embeddedUrl,
                    settings.get(prefix + ".username", DEFAULT_USER),
                    settings.get(prefix + ".password", DEFAULT_PASSWORD),
                    true);
        }
        return new JdbcTarget(url, settings.get(prefix + ".username"), settings.get(prefix + ".password"), false);
    }
}
