package com.exportservice.inbox;

import org.apache.camel.spi.PropertiesSource;

import java.nio.file.Path;

/**
 * Gives the inbox route its directory as an absolute path ({@code {{exporter.inbox.absolute-dir}}}):
 * {@code exporter.inbox.dir} resolved against the service's working directory. The file component
 * would resolve a relative directory against the JVM's current directory, which is not the working
 * directory when the service is started in-process (tests). Bound as a bean, it is found by Camel's
 * properties component (properties sources in the registry are discovered at start).
 */
public final class InboxProperties implements PropertiesSource {
    public static final String ABSOLUTE_DIR = "exporter.inbox.absolute-dir";

    private final String directory;

    public InboxProperties(Path directory) {
        this.directory = directory.toAbsolutePath().normalize().toString();
    }

    @Override
    public String getName() {
        return "export-inbox";
    }

    @Override
    public String getProperty(String name) {
        return ABSOLUTE_DIR.equals(name) ? directory : null;
    }
}
