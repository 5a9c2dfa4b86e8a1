package com.exportservice;

import com.exportservice.config.Settings;
import com.exportservice.status.StatusTracker;
import com.exportservice.submission.ExportSubmission;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.util.Map;

/** Test access to the package-private parts of {@link ServiceWiring}, for route tests. */
public final class ServiceWiringAccess implements AutoCloseable {
    private final ServiceWiring wiring;

    private ServiceWiringAccess(ServiceWiring wiring) {
        this.wiring = wiring;
    }

    public static ServiceWiringAccess create(Settings settings, Path workingDir) {
        return new ServiceWiringAccess(ServiceWiring.create(settings, workingDir));
    }

    /** The registry the metrics are kept in (served at /observe/metrics by the running service). */
    public io.micrometer.core.instrument.MeterRegistry metrics() {
        return wiring.metrics();
    }

    public String queueUri() {
        return wiring.queueUri();
    }

    public Map<String, Object> beans() {
        return wiring.beans();
    }

    public void afterStart(CamelContext camel) {
        wiring.afterStart(camel);
    }

    public ExportSubmission exports() {
        return wiring.exports();
    }

    public StatusTracker status() {
        return wiring.status();
    }

    @Override
    public void close() {
        wiring.close();
    }
}
