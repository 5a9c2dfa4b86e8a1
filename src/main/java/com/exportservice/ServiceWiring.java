package com.exportservice;

import com.exportservice.api.ExportApi;
import com.exportservice.api.HealthCheck;
import com.exportservice.api.WebAssets;
import com.exportservice.cluster.ClusterNode;
import com.exportservice.cluster.ClusterView;
import com.exportservice.cluster.NodeRegistry;
import com.exportservice.config.ClusterSettings;
import com.exportservice.cluster.QuartzSchema;
import com.exportservice.config.ConfigException;
import com.exportservice.config.DataTypes;
import com.exportservice.config.DataTypesLoader;
import com.exportservice.config.EmbeddedDatabases;
import com.exportservice.config.JdbcTarget;
import com.exportservice.config.MemoryBudget;
import com.exportservice.config.Settings;
import com.exportservice.demo.DemoData;
import com.exportservice.engine.BatchSteps;
import com.exportservice.engine.CheckpointSaves;
import com.exportservice.engine.DeadLetters;
import com.exportservice.engine.ExportFinalizer;
import com.exportservice.engine.ExportPreview;
import com.exportservice.engine.ExportRunner;
import com.exportservice.engine.PartitionRunner;
import com.exportservice.status.Partitions;
import com.exportservice.status.StoreException;
import com.exportservice.engine.ExportZipAggregation;
import com.exportservice.engine.RecordProcessors;
import com.exportservice.engine.RecordWorkers;
import com.exportservice.inbox.InboxFiles;
import com.exportservice.inbox.InboxPolls;
import com.exportservice.inbox.InboxProperties;
import com.exportservice.inbox.InboxReadLock;
import com.exportservice.inbox.InboxRoute;
import com.exportservice.retention.ExportRetention;
import com.exportservice.observe.ExportEvents;
import com.exportservice.observe.ExportMetrics;
import com.exportservice.observe.ExportNotifications;
import com.exportservice.observe.NotifyTarget;
import com.exportservice.observe.ReadinessCheck;
import com.exportservice.request.Problem;
import com.exportservice.schedule.ClusteredQuartz;
import com.exportservice.schedule.FireTimes;
import com.exportservice.schedule.ScheduleDefinition;
import com.exportservice.schedule.ScheduleDefinitions;
import com.exportservice.schedule.ScheduleOverview;
import com.exportservice.schedule.ScheduleRoutes;
import com.exportservice.schedule.ScheduleRunner;
import com.exportservice.security.PrivateFiles;
import com.exportservice.security.SecretText;
import com.exportservice.source.CatalogNames;
import com.exportservice.source.QueryGuard;
import com.exportservice.source.SchemaCheck;
import com.exportservice.source.SourceReader;
import com.exportservice.source.SourceSchema;
import com.exportservice.source.SqlDialect;
import com.exportservice.status.StateStore;
import com.exportservice.status.StatusTracker;
import com.exportservice.submission.DiskFloor;
import com.exportservice.submission.ExportSubmission;
import com.exportservice.submission.Trigger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds the service's parts from the settings, in one place: connection pools, data types checked
 * against the source, state store, status bean, engine beans and API beans. Every setting problem
 * stops start-up here with a {@link ConfigException} naming the key or file.
 */
public final class ServiceWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceWiring.class);
    private static final String QUERY_TIMEOUT = "exporter.source.query-timeout";

    private final Settings settings;
    private final Path workingDir;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final ObjectMapper mapper = Json.newMapper();
    private HikariDataSource sourcePool;
    private DataTypes dataTypes;
    private StatusTracker status;
    private ExportSubmission exports;
    private Path outputRoot;
    private int maxConcurrent;
    private int maxPending;
    private List<ScheduleDefinition> schedules;
    private final FireTimes fireTimes = new FireTimes();
    private InboxPolls inboxPolls;
    /** Cluster mode: schedules on the clustered Quartz job store, the inbox locked in the store. */
    private boolean clusteredTriggers;
    private java.time.Duration retention;
    /** Set once the triggers' routes run: the health check looks at them from then on. */
    private volatile CamelContext camel;
    /** No inbox poll for this long (polls every 0.5 s, 10 s in a back-off) means its consumer stopped. */
    private static final java.time.Duration INBOX_SILENT_LIMIT = java.time.Duration.ofSeconds(60);
    /** Camel's metrics service serves this registry ({@code metricsRegistry}) at /observe/metrics. */
    private final PrometheusMeterRegistry metrics = metricsRegistry();
    private ExportEvents events;
    private ExportNotifications notifications;
    private NotifyTarget notifyTarget;
    private java.util.concurrent.ScheduledExecutorService ticks;
    private ClusterSettings cluster;
    /** This node in cluster mode; null on a single node. */
    private ClusterNode clusterNode;
    /** Cluster mode: this node's partition worker and the splitting of large data types; null on a single node. */
    private PartitionRunner partitionRunner;

    private ServiceWiring(Settings settings, Path workingDir) {
        this.settings = settings;
        this.workingDir = workingDir;
    }

    public static ServiceWiring create(Settings settings, Path workingDir) {
        ServiceWiring w = new ServiceWiring(settings, workingDir);
        try {
            w.build();
            return w;
        } catch (RuntimeException | Error e) {
            w.close();
            throw e;
        }
    }

    private void build() {
        Clock clock = Clock.systemUTC();
        maxConcurrent = settings.getInt("exporter.max-concurrent-exports", 1, 64);
        maxPending = settings.getInt("exporter.max-pending-exports", 0, 100_000);
        settings.getInt("exporter.http.port", 0, 65535);
        settings.getInt("exporter.retry.max-redeliveries", 0, 100);
        settings.getInt("exporter.retry.initial-delay-ms", 0, 600_000);
        settings.getInt("exporter.retry.backoff-multiplier", 1, 100);
        settings.getInt("exporter.retry.store-max-redeliveries", 0, 1000);
        ZoneId sourceZone = zone(settings.get("exporter.source.timezone", "UTC"));
        outputRoot = workingDir.resolve(settings.get("exporter.output.dir", "exports")).normalize();

        JdbcTarget source = EmbeddedDatabases.source(settings, workingDir);
        JdbcTarget storeTarget = EmbeddedDatabases.store(settings, workingDir);
        if (source.embedded() || storeTarget.embedded()) {
            restrictDataDirectory();
        }
        SqlDialect dialect = dialect("exporter.source.url", source.url());
        if (EmbeddedDatabases.demoEnabled(settings, source)) {
            int rows = settings.getInt("exporter.demo.rows", 0, 100_000_000);
            HikariDataSource seedPool = pool("export-demo-seed", source, 1, false);
            try (seedPool) {
                DemoData.seed(seedPool, dialect, rows, clock.instant());
            } catch (IllegalStateException e) {
                throw new ConfigException("cannot create the demo data in " + SecretText.redactUrl(source.url()) + ": " + e.getMessage(), e);
            }
        }
        int poolSize = settings.getInt("exporter.source.pool-size", 1, 200);
        sourcePool = pool("export-source", source, poolSize, true);
        closeables.add(sourcePool);

        DataTypes declared = DataTypesLoader.load(settings, workingDir);
        SourceSchema schema = SchemaCheck.check(declared, sourcePool, dialect,
                settings.get(DataTypesLoader.SETTING, DataTypesLoader.DEFAULT_FILE));
        dataTypes = CatalogNames.resolve(declared, schema);

        SqlDialect storeDialect = dialect("exporter.store.url", storeTarget.url());
        cluster = ClusterSettings.of(settings);
        if (cluster.enabled() && storeDialect != SqlDialect.POSTGRESQL) {
            throw new ConfigException(ClusterSettings.ENABLED + "=true needs a PostgreSQL state store that every node shares "
                    + "(exporter.store.url=jdbc:postgresql://host:5432/db); the store is "
                    + (storeTarget.embedded() ? "the embedded H2 database, which serves one process only" : SecretText.redactUrl(storeTarget.url())));
        }
        if (cluster.enabled() && source.embedded()) {
            LOG.warn("cluster mode with the embedded source database: each node reads its own copy under its data/, so an "
                    + "export taken over by another node continues from a different database; set exporter.source.url to the "
                    + "database every node exports from");
        }
        HikariDataSource storePool = pool("export-store", storeTarget, Math.max(4, maxConcurrent + 2), false,
                // a paused or cut-off node must not keep an export's row locked past its lease (the claim skips locked rows):
                // PostgreSQL ends its session when it sits in a transaction for half the lease
                cluster.enabled() ? "SET idle_in_transaction_session_timeout = " + cluster.lease().dividedBy(2).toMillis() : null);
        closeables.add(storePool);
        StateStore store = new StateStore(storePool);
        if (source.embedded() || storeTarget.embedded()) {
            restrictDataDirectory(); // again: the files the databases just created
        }
        try {
            store.init();
        } catch (SQLException e) {
            throw new ConfigException("cannot prepare the state store at " + SecretText.redactUrl(storeTarget.url()) + ": " + e.getMessage(), e);
        }

        status = new StatusTracker(store, clock, maxConcurrent, maxPending);
        status.addListener(new ExportMetrics(metrics, status));
        events = new ExportEvents(mapper, settings.getInt("exporter.events.max-subscribers", 1, 10_000));
        status.addListener(events);
        if (cluster.enabled()) {
            clusterNode = new ClusterNode(cluster, new NodeRegistry(storePool), status, maxConcurrent, events);
            beans.put("clusterNode", clusterNode);
        }
        String notifyUrl = settings.get(NotifyTarget.SETTING, "");
        if (!notifyUrl.isBlank()) {
            notifyTarget = NotifyTarget.parse(notifyUrl);
            settings.getInt("exporter.notify.max-redeliveries", 0, 100);
            settings.getInt("exporter.notify.retry-delay-ms", 0, 3_600_000);
            settings.getInt("exporter.notify.queue-size", 1, 1_000_000);
            notifications = new ExportNotifications(mapper, notifyTarget);
            status.addListener(notifications);
            beans.put("exportNotifications", notifications);
        }
        // once a second: the progress events of running exports (at most one per export and second)
        ticks = Executors.newSingleThreadScheduledExecutor(daemon("export-events"));
        closeables.add(ticks::shutdownNow);
        ticks.scheduleAtFixedRate(events::flushProgress, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        beans.put("metricsRegistry", metrics);
        SourceReader reader = new SourceReader(sourcePool, dialect, schema, sourceZone,
                QueryGuard.perStatement(settings.duration(QUERY_TIMEOUT, "PT5M"), QUERY_TIMEOUT));
        ExecutorService readAhead = Executors.newCachedThreadPool(daemon("export-read-ahead"));
        closeables.add(readAhead::shutdownNow);
        ExecutorService streaming = Executors.newCachedThreadPool(daemon("export-download"));
        closeables.add(streaming::shutdownNow);
        exports = new ExportSubmission(dataTypes, status, outputRoot,
                new DiskFloor(outputRoot, settings.bytes(DiskFloor.SETTING, "512MB")));

        // the per-record work of a batch, split over the machine's cores
        RecordWorkers recordWorkers = RecordWorkers.forMachine(daemon("export-records"));
        closeables.add(recordWorkers::close);
        beans.put("exportStatus", status);
        // a data type's committed checkpoint is saved beside its next batches, at most once per interval
        ExecutorService checkpointSaves = Executors.newCachedThreadPool(daemon("export-checkpoints"));
        closeables.add(checkpointSaves::shutdownNow);
        CheckpointSaves saves = new CheckpointSaves(status, checkpointSaves,
                settings.duration(CheckpointSaves.SETTING, CheckpointSaves.INTERVAL.toString()));
        ExportRunner runner = new ExportRunner(status, dataTypes, reader, readAhead, new ExportFinalizer(clock, mapper), mapper,
                MemoryBudget.of(settings, maxConcurrent), recordWorkers.slots(), saves);
        beans.put("exportRunner", runner);
        if (clusterNode != null) {
            partitionRunner = partitions(storePool, reader, runner);
            runner.usePartitions(partitionRunner);
            beans.put("partitionRunner", partitionRunner);
        }
        RecordProcessors processors = RecordProcessors.standard(clock, sourceZone);
        beans.put(RecordProcessors.BEAN, processors);
        beans.put("batchSteps", new BatchSteps(recordWorkers));
        beans.put("exportZip", new ExportZipAggregation());
        beans.put("deadLetters", new DeadLetters(status, mapper, clock));
        beans.put("exportSubmission", exports);
        // ---- triggers: watched inbox and schedules (contract sections 6 and 7), submitting as the API does ----
        clusteredTriggers = cluster.enabled();
        if (clusteredTriggers) {
            clusterTriggers(storeTarget, storePool);
        } else {
            beans.put(InboxReadLock.BEAN, InboxReadLock.local());
        }
        schedules = ScheduleDefinitions.load(settings, workingDir, dataTypes);
        beans.put("exportSchedules", new ScheduleRunner(schedules, exports::submitScheduled, status, store, mapper, clock, fireTimes));
        beans.put("inboxFiles", new InboxFiles(request -> exports.submit(request, Trigger.FILE).exportId(), mapper));
        Path inboxDir = workingDir.resolve(settings.get("exporter.inbox.dir", "inbox"));
        beans.put("inboxProperties", new InboxProperties(inboxDir, clusteredTriggers));
        inboxPolls = new InboxPolls(inboxDir, clock, INBOX_SILENT_LIMIT);
        beans.put("inboxPolls", inboxPolls);
        ScheduleOverview scheduleOverview = new ScheduleOverview(schedules, fireTimes, status, store, clock);
        // ---- end of triggers ----
        HealthCheck health = new HealthCheck(sourcePool, status, this::triggerProblems);
        beans.put("exportApi", new ExportApi(exports, new ExportPreview(dataTypes, reader, mapper, processors, clock,
                settings.duration(ExportPreview.TIMEOUT_SETTING, "PT30S"), Math.max(1, poolSize - 2 * maxConcurrent)), status,
                dataTypes, mapper, streaming, health, scheduleOverview, new ClusterView(clusterNode, cluster.nodeId(), status, clock)));
        // readiness at /observe/health/ready (Camel's health-check registry takes the checks bound as beans)
        beans.put("sourceReadiness", new ReadinessCheck("source", () -> health.sourceProblem().map(Problem::problem)));
        beans.put("storeReadiness", new ReadinessCheck("store", () -> health.storeProblem().map(Problem::problem)));
        beans.put("webAssets", new WebAssets());
        beans.put("apiDocument", new com.exportservice.api.ApiDocument());
        retention = settings.optionalDuration(ExportRetention.SETTING);
        beans.put("exportRetention", new ExportRetention(status, retention == null ? java.time.Duration.ofDays(36_500) : retention, clock));
    }

    /**
     * Cluster mode: large data types split into key-range partitions that every node's partition worker claims
     * (docs/cluster.md, "One big export on many nodes"); the table {@code export_partitions} in the store.
     */
    private PartitionRunner partitions(HikariDataSource storePool, SourceReader reader, ExportRunner runner) {
        Partitions store = new Partitions(storePool, cluster.nodeId(), clusterNode::leaseHeld);
        try {
            store.init();
        } catch (SQLException e) {
            throw new ConfigException("cannot create the partitions table in the store: " + e.getMessage(), e);
        }
        NodeRegistry registry = new NodeRegistry(storePool);
        return new PartitionRunner(status, reader, runner, store, cluster, () -> {
            try {
                return registry.live(cluster.lease()).size();
            } catch (SQLException e) {
                throw new StoreException("read the live nodes", e);
            }
        });
    }

    /**
     * Cluster mode's triggers (docs/cluster.md): the Quartz tables and the inbox's lock table in the PostgreSQL
     * store, the clustered {@code quartz} component, the inbox's read locks in the store.
     */
    private void clusterTriggers(JdbcTarget storeTarget, HikariDataSource storePool) {
        if (SqlDialect.fromJdbcUrl(storeTarget.url()) != SqlDialect.POSTGRESQL) {
            throw new ConfigException(ClusterSettings.ENABLED + "=true needs a PostgreSQL store shared by the nodes "
                    + "(exporter.store.url=jdbc:postgresql://...), not " + SecretText.redactUrl(storeTarget.url()));
        }
        try {
            QuartzSchema.create(storePool);
            QuartzSchema.createIdempotently(storePool, InboxReadLock.tables());
        } catch (SQLException e) {
            throw new ConfigException("cannot create the cluster's tables in the store at " + SecretText.redactUrl(storeTarget.url())
                    + ": " + e.getMessage(), e);
        }
        beans.put("quartz", ClusteredQuartz.component(storeTarget));
        beans.put(InboxReadLock.BEAN, InboxReadLock.clustered(storePool));
    }

    /**
     * The engine queue's URI: consumers = max concurrent exports, room for every pending one. A poll of
     * 100 ms, not seda's 1 s: a consumer that finds Camel still starting sleeps one poll before it looks
     * at its queue, and Camel's shutdown waits up to one poll for the consumers, so a one-shot export
     * (queued right after the start) lost up to 2 s to them (bench/README.md, "JIT warm-up").
     */
    String queueUri() {
        return ExportSubmission.QUEUE + "?concurrentConsumers=" + maxConcurrent + "&size=" + (2 * maxPending + maxConcurrent + 16)
                + "&pollTimeout=100";
    }

    /** The retention route's settings: started only with a retention, checking every tenth of it. */
    Map<String, String> retentionProperties() {
        java.time.Duration every = ExportRetention.checkInterval(retention == null ? java.time.Duration.ofHours(10) : retention);
        return Map.of("exporter.output.retention-active", String.valueOf(retention != null),
                "exporter.output.retention-check-ms", String.valueOf(every.toMillis()));
    }

    Map<String, Object> beans() {
        return beans;
    }

    /** What keeps the inbox or the schedules from working, once their routes exist (serve mode). */
    private List<Problem> triggerProblems() {
        CamelContext c = camel;
        if (c == null) {
            return List.of();
        }
        List<Problem> out = new ArrayList<>();
        InboxRoute.problem(c, inboxPolls).ifPresent(p -> out.add(new Problem("inbox", p)));
        ScheduleRoutes.problems(c, schedules).forEach(p -> out.add(new Problem("schedules", p)));
        return out;
    }

    /** Connects the parts to the started Camel context and queues exports a restart interrupted. */
    void afterStart(CamelContext camel) {
        afterStart(camel, true);
    }

    /**
     * Connects the parts to the started Camel context.
     *
     * @param resumeUnfinished whether to queue the exports a restart interrupted (the serving service
     *                         does; the one-shot command runs only its own export)
     */
    void afterStart(CamelContext camel, boolean resumeUnfinished) {
        ProducerTemplate queue = camel.createProducerTemplate();
        if (clusterNode != null && resumeUnfinished) {
            // a serving cluster node: exports wait in the store, and whichever node has a free slot claims them
            clusterNode.connect(exportId -> queue.sendBody(ExportSubmission.QUEUE, exportId));
            exports.connect(exportId -> clusterNode.claimNow());
            partitionRunner.connect(p -> queue.sendBody(PartitionRunner.QUEUE, p));
            clusterNode.connectPartitions(partitionRunner::claimNext);
        } else {
            exports.connect(exportId -> queue.sendBody(ExportSubmission.QUEUE, exportId));
        }
        if (notifications != null) {
            // a full queue throws at once (seda's default): the notification is dropped, the export goes on
            notifications.connect(json -> queue.sendBody(ExportNotifications.QUEUE, json));
        }
        if (!resumeUnfinished) {
            return;
        }
        if (clusterNode != null) {
            // the store's unfinished exports are claimed by the cluster (this node too, at its first beat)
            InboxRoute.start(camel);
            ScheduleRoutes.start(camel, schedules, fireTimes, Clock.systemUTC(), clusteredTriggers);
            this.camel = camel;
            return;
        }
        List<String> resumed = status.recoverUnfinished();
        if (!resumed.isEmpty()) {
            LOG.info("resuming {} export(s) interrupted by a restart: {}", resumed.size(), resumed);
        }
        resumed.forEach(exports::enqueue);
        // triggers last: they submit at once (files waiting, a due schedule), so the queue must be connected;
        // their routes exist in serve mode only
        InboxRoute.start(camel);
        ScheduleRoutes.start(camel, schedules, fireTimes, Clock.systemUTC(), clusteredTriggers);
        this.camel = camel;
    }

    /**
     * Cluster mode: enters the cluster before Camel starts (a refused node name stops start-up).
     *
     * @param claimsWork whether this node claims waiting exports (the serving service); the one-shot command
     *                   only runs, and heartbeats for, the export it records itself
     */
    void joinCluster(boolean claimsWork) {
        if (clusterNode == null) {
            return;
        }
        try {
            clusterNode.join(claimsWork);
        } catch (SQLException e) {
            throw new ConfigException("cannot enter the cluster in the state store: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** This node in cluster mode, or null. */
    public ClusterNode clusterNode() {
        return clusterNode;
    }

    /** Where notifications go, or null without {@code exporter.notify.url}. */
    public NotifyTarget notifyTarget() {
        return notifyTarget;
    }

    public ExportEvents events() {
        return events;
    }

    /** The once-a-second timer of the events (keep-alive comments of the event streams run on it too). */
    public java.util.concurrent.ScheduledExecutorService ticks() {
        return ticks;
    }

    /** The registry, its filters set before any meter registers (a filter does not apply to earlier ones). */
    private static PrometheusMeterRegistry metricsRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new com.exportservice.observe.ExchangeEventTags());
        return registry;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public Settings settings() {
        return settings;
    }

    public ExportSubmission exports() {
        return exports;
    }

    public StatusTracker status() {
        return status;
    }

    public DataTypes dataTypes() {
        return dataTypes;
    }

    public Path outputRoot() {
        return outputRoot;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.debug("closing", e);
            }
        }
        closeables.clear();
    }

    /** The embedded databases' directory and files: readable by the service's user only (contract section 11). */
    private void restrictDataDirectory() {
        Path data = EmbeddedDatabases.dataDirectory(workingDir);
        try {
            PrivateFiles.restrictDirectory(data);
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot make " + data + " private to this user: " + e.getMessage());
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ConfigException("exporter.source.timezone: unknown time zone '" + id + "' (e.g. UTC, Europe/Berlin)");
        }
    }

    private static SqlDialect dialect(String key, String url) {
        try {
            return SqlDialect.fromJdbcUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    private static HikariDataSource pool(String name, JdbcTarget target, int size, boolean readOnly) {
        return pool(name, target, size, readOnly, null);
    }

    private static HikariDataSource pool(String name, JdbcTarget target, int size, boolean readOnly, String initSql) {
        HikariConfig c = new HikariConfig();
        if (initSql != null) {
            c.setConnectionInitSql(initSql);
        }
        c.setPoolName(name);
        c.setJdbcUrl(target.url());
        c.setUsername(target.username());
        c.setPassword(target.password());
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(1);
        c.setInitializationFailTimeout(10_000);
        if (readOnly) {
            // the source is only read; auto-commit off lets PostgreSQL stream rows with a fetch size
            c.setReadOnly(true);
            c.setAutoCommit(false);
        }
        try {
            return new HikariDataSource(c);
        } catch (RuntimeException e) {
            // no cause attached: a driver's exception may repeat the URL, password and all
            if (EmbeddedDatabases.isInUse(e)) {
                throw new ConfigException(EmbeddedDatabases.inUseMessage(target.url()));
            }
            throw new ConfigException("cannot connect to " + SecretText.redactUrl(target.url()) + " (" + name + "): "
                    + SecretText.redact(rootMessage(e), target.url(), target.password()));
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
