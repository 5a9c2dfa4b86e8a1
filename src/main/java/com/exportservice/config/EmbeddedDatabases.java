package com.exportservice.config;

import java.nio.file.Path;

/**
 * The embedded H2 defaults used when {@code exporter.source.url} / {@code exporter.store.url} are empty:
 * file databases {@code <workingDir>/data/source} and {@code <workingDir>/data/state}, user {@code sa}
 * with an empty password. {@code AUTO_SERVER=TRUE} lets the one-shot {@code export} command open the
 * databases while the server holds them: the first process serves them over a local TCP port (with a
 * random key stored in the lock file) to every later one.
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
        return "jdbc:h2:file:" + file.toAbsolutePath().normalize() + ";AUTO_SERVER=TRUE";
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
