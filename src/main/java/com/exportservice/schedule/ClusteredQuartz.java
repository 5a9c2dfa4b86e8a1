package com.exportservice.schedule;

import com.exportservice.config.JdbcTarget;
import org.apache.camel.component.quartz.QuartzComponent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code quartz} component of cluster mode ({@code exporter.cluster.enabled=true}): Quartz's clustered JDBC
 * job store in the PostgreSQL store ({@code qrtz_*} tables, created by {@code cluster.QuartzSchema}). Every node
 * runs a scheduler of the same name on the same tables; a trigger's fire time is acquired under Quartz's row
 * lock by exactly one of them, so each fire time of a schedule fires once in the whole cluster. A node that
 * stops checking in is noticed by the others after {@link #CHECKIN_INTERVAL_MS} (plus a margin) and its
 * acquired-but-not-run fire times released.
 * <p>
 * Misfires (a fire time no node could run within {@link #MISFIRE_THRESHOLD_MS}: every node down, or all busy)
 * follow the Camel Quartz endpoint's instructions: a cron trigger fires once at once and then keeps its
 * cron times (fire-and-proceed); an {@code every} trigger fires once at once and then every period from
 * then. Several missed fire times make one catch-up export, never a burst; an incremental schedule's
 * catch-up covers the rows of the missed ones.
 * <p>
 * Not auto-started: the scheduler starts once this node's schedule routes exist ({@link ScheduleRoutes#start}),
 * so it never acquires a fire time it has no route for.
 */
public final class ClusteredQuartz {
    /** The scheduler's name: the same on every node, it is what makes them one Quartz cluster. */
    public static final String SCHEDULER_NAME = "export-service";
    static final long CHECKIN_INTERVAL_MS = 5_000;
    static final long MISFIRE_THRESHOLD_MS = 60_000;
    private static final String DATA_SOURCE = "exportStore";

    private ClusteredQuartz() {
    }

    /** A quartz component on the clustered JDBC job store in {@code store} (a PostgreSQL database). */
    public static QuartzComponent component(JdbcTarget store) {
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(new LinkedHashMap<>(properties(store)));
        quartz.setPrefixInstanceName(false);
        quartz.setAutoStartScheduler(false);
        quartz.setEnableJmx(false);
        return quartz;
    }

    /** The Quartz properties (its documented keys) of the clustered job store. */
    static Map<String, Object> properties(JdbcTarget store) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        // a fire only submits an export (milliseconds): two threads let two schedules fire at the same second
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_INTERVAL_MS));
        p.put("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
        // Quartz's own HikariCP pool on the store: its row locks never wait for a connection the exports hold
        String ds = "org.quartz.dataSource." + DATA_SOURCE + ".";
        p.put(ds + "provider", "hikaricp");
        p.put(ds + "driver", "org.postgresql.Driver");
        p.put(ds + "URL", store.url());
        if (store.username() != null) {
            p.put(ds + "user", store.username());
        }
        if (store.password() != null) {
            p.put(ds + "password", store.password());
        }
        p.put(ds + "maxConnections", "4");
        p.put(ds + "validationQuery", "SELECT 1");
        return p;
    }
}
