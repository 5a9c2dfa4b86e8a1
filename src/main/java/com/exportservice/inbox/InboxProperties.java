package com.exportservice.inbox;

import org.apache.camel.spi.PropertiesSource;

import java.nio.file.Path;

/**
 * Gives the inbox route its directory as an absolute path ({@code {{exporter.inbox.absolute-dir}}}) and its
 * read lock ({@code {{exporter.inbox.read-lock}}}). The directory is
 * {@code exporter.inbox.dir} resolved against the service's working directory. The file component
 * would resolve a relative directory against the JVM's current directory, which is not the working
 * directory when the service is started in-process (tests). Bound as a bean, it is found by Camel's
 * properties component (properties sources in the registry are discovered at start).
 */
public final class InboxProperties implements PropertiesSource {
    public static final String ABSOLUTE_DIR = "exporter.inbox.absolute-dir";
    /**
     * The route's read lock: {@code changed} (the file stops changing) on a single node; in cluster mode
     * {@code idempotent-changed}, the same after a cluster-wide lock on the file ({@link InboxReadLock}).
     */
    public static final String READ_LOCK = "exporter.inbox.read-lock";

    private final String directory;
    private final boolean clustered;

    /** @param clustered whether nodes may share the inbox directory (cluster mode) */
    public InboxProperties(Path directory, boolean clustered) {
        this.directory = directory.toAbsolutePath().normalize().toString();
        this.clustered = clustered;
    }

    @Override
    public String getName() {
        return "export-inbox";
    }

    @Override
    public String getProperty(String name) {
        if (READ_LOCK.equals(name)) {
            return clustered ? "idempotent-changed" : "changed";
        }
        return ABSOLUTE_DIR.equals(name) ? directory : null;
    }
}
