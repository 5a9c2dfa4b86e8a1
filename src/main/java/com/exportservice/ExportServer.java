package com.exportservice;

import com.exportservice.api.HttpErrorPages;
import com.exportservice.api.SessionApi;
import com.exportservice.cli.OneShotEngine;
import com.exportservice.config.Settings;
import com.exportservice.observe.EventStream;
import com.exportservice.security.HttpIdleTimeout;
import com.exportservice.security.HttpSecurity;
import com.exportservice.status.StatusTracker;
import com.exportservice.submission.ExportSubmission;
import com.exportservice.submission.RequestDocuments;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the service in one process: builds the parts ({@link ServiceWiring}), binds them as beans, and
 * starts Camel Main with the YAML routes. In {@link Mode#SERVE} it adds the HTTP server, the inbox and
 * the schedules; in {@link Mode#ONE_SHOT} only the engine runs (the one-shot command).
 */
public final class ExportServer implements OneShotEngine {
    public enum Mode { SERVE, ONE_SHOT }

    private static final String ENGINE_ROUTES =
            "classpath:routes/error-handling.camel.yaml,classpath:routes/export-engine.camel.yaml,classpath:routes/export-batch.camel.yaml";
    private static final String SERVE_ROUTES = ENGINE_ROUTES + ",classpath:routes/export-api.camel.yaml"
            + ",classpath:routes/export-inbox.camel.yaml,classpath:routes/export-schedules.camel.yaml"
            + ",classpath:routes/export-retention.camel.yaml";

    private final ServiceWiring wiring;
    private final Main main;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final EventStream eventStream;

    private ExportServer(ServiceWiring wiring, Main main, EventStream eventStream) {
        this.wiring = wiring;
        this.main = main;
        this.eventStream = eventStream;
    }

    /**
     * Starts the service for a working directory.
     *
     * @param overrides settings that win over every other source (tests, the one-shot command)
     */
    public static ExportServer start(Path workingDir, Map<String, String> overrides, Mode mode) throws Exception {
        Settings settings = Settings.load(workingDir, System.getenv(), System.getProperties(), overrides);
        // access control first: a refused start (no tokens on a public address) touches nothing else
        HttpSecurity security = mode == Mode.SERVE ? HttpSecurity.create(settings, workingDir, Clock.systemUTC()) : null;
        ServiceWiring wiring = ServiceWiring.create(settings, workingDir);
        try {
            Main main = new Main();
            settings.asMap().forEach(main::addInitialProperty);
            main.addInitialProperty("exporter.engine.queue-uri", wiring.queueUri());
            wiring.retentionProperties().forEach(main::addInitialProperty);
            main.addInitialProperty("camel.main.name", "export-service");
            // a running export stops at its next batch boundary; this bounds the wait for one batch
            main.addInitialProperty("camel.main.shutdownTimeout", "30");
            String routes = mode == Mode.SERVE ? SERVE_ROUTES : ENGINE_ROUTES;
            if (wiring.clusterNode() != null) {
                routes += ",classpath:routes/export-cluster.camel.yaml";
                main.addInitialProperty("exporter.cluster.tick-ms", String.valueOf(wiring.clusterNode().tickInterval().toMillis()));
                // in the store before any route runs: a refused node name stops start-up here
                wiring.joinCluster(mode == Mode.SERVE);
            }
            if (wiring.notifyTarget() != null) {
                routes += ",classpath:routes/export-notify.camel.yaml";
                main.addInitialProperty("exporter.notify.endpoint-uri", wiring.notifyTarget().endpointUri());
            }
            main.addInitialProperty("camel.main.routesIncludePattern", routes);
            // the UI comes from the classpath through an explicit route: no built-in static serving
            main.addInitialProperty("camel.server.enabled", String.valueOf(mode == Mode.SERVE));
            main.addInitialProperty("camel.server.port", settings.get("exporter.http.port", "8080"));
            if (security != null) {
                main.addInitialProperty("camel.server.host", security.settings().host());
                // the access gate in front of every request (Camel Main takes the server factory from the registry)
                main.bind("exportHttpServerFactory", security.serverFactory());
                main.bind("sessionApi", new SessionApi(security.tokens(), security.sessions(), security.authenticator(),
                        wiring.mapper()));
            }
            main.addInitialProperty("camel.server.staticEnabled", "false");
            if (mode == Mode.SERVE) {
                observability(main, settings);
            }
            main.addInitialProperty("camel.server.maxBodySize", String.valueOf(RequestDocuments.MAX_BYTES));
            wiring.beans().forEach(main::bind);
            main.start();
            CamelContext camel = main.getCamelContext();
            EventStream events = null;
            if (mode == Mode.SERVE) {
                int port = Integer.parseInt(settings.get("exporter.http.port", "8080"));
                HttpErrorPages.install(camel, port, wiring.mapper());
                HttpIdleTimeout.apply(HttpErrorPages.router(camel, port).getServer().getServer(), security.settings().idleTimeout());
                events = eventStream(camel, port, wiring, security.settings().idleTimeout());
            }
            wiring.afterStart(camel, mode == Mode.SERVE);
            return new ExportServer(wiring, main, events);
        } catch (Exception | Error e) {
            wiring.close();
            throw e;
        }
    }

    /**
     * Prometheus metrics and health checks on the API's own server (docs/observability.md): Camel's management
     * server, given the API's port, takes the running server and its router instead of opening another, so
     * the access gate covers /observe/* like every other path.
     */
    private static void observability(Main main, Settings settings) {
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.port", settings.get("exporter.http.port", "8080"));
        main.addInitialProperty("camel.management.host", settings.get("exporter.http.host", "127.0.0.1"));
        main.addInitialProperty("camel.management.metricsEnabled", "true");
        main.addInitialProperty("camel.management.healthCheckEnabled", "true");
        main.addInitialProperty("camel.metrics.enabled", "true");
        main.addInitialProperty("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,jvm-info,class-loader,processor,uptime,file-descriptor");
    }

    /**
     * GET /api/events on the API's router, after the access gate (added once the server runs, so it comes
     * after the gate's handler). A keep-alive comment goes out well within the idle timeout.
     */
    private static EventStream eventStream(CamelContext camel, int port, ServiceWiring wiring, Duration idleTimeout) {
        Duration keepAlive = Duration.ofSeconds(15).compareTo(idleTimeout.dividedBy(3)) < 0 ? Duration.ofSeconds(15) : idleTimeout.dividedBy(3);
        EventStream stream = new EventStream(wiring.events(), keepAlive);
        HttpErrorPages.router(camel, port).route(io.vertx.core.http.HttpMethod.GET, EventStream.PATH).handler(stream);
        long tick = Math.max(100, Math.min(1000, keepAlive.toMillis() / 2));
        wiring.ticks().scheduleAtFixedRate(stream::keepAlive, tick, tick, java.util.concurrent.TimeUnit.MILLISECONDS);
        return stream;
    }

    /** The engine alone, for the one-shot command ({@link Mode#ONE_SHOT}). */
    public static OneShotEngine startOneShot(Path workingDir, Map<String, String> overrides) throws Exception {
        return start(workingDir, overrides, Mode.ONE_SHOT);
    }

    public ServiceWiring wiring() {
        return wiring;
    }

    @Override
    public ExportSubmission submission() {
        return wiring.exports();
    }

    @Override
    public StatusTracker status() {
        return wiring.status();
    }

    @Override
    public Path outputRoot() {
        return wiring.outputRoot();
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** Blocks until {@link #close()} ran (the serve mode's main thread). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            // running exports stop at their next batch boundary and resume on the next start
            wiring.status().shutDown();
            if (eventStream != null) {
                eventStream.closeAll();
            }
            main.stop();
            if (wiring.clusterNode() != null) {
                wiring.clusterNode().leave();
            }
        } finally {
            wiring.close();
            stopped.countDown();
        }
    }
}
