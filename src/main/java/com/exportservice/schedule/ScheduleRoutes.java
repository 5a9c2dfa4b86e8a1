package com.exportservice.schedule;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.model.Model;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Makes one route per schedule from the templates of {@code routes/export-schedules.camel.yaml}: a
 * Quartz route for a {@code cron} schedule, a timer route for an {@code every} schedule (in cluster mode a
 * clustered Quartz route for both, see {@link ClusteredQuartz}). Called once the
 * engine is connected (a route may fire at once); does nothing where that route file is not loaded
 * (the one-shot command runs no schedules).
 */
public final class ScheduleRoutes {
    public static final String CRON_TEMPLATE = "export-schedule-cron";
    public static final String EVERY_TEMPLATE = "export-schedule-every";
    /** The cluster mode's templates: {@code export-schedule-cron-cluster}, {@code export-schedule-every-cluster}. */
    static final String CLUSTER_SUFFIX = "-cluster";
    /** The Quartz group of the schedules' triggers (the {@code quartz:export-schedules/<id>} URIs). */
    static final String GROUP = "export-schedules";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRoutes.class);

    private ScheduleRoutes() {
    }

    /** The route of a schedule. */
    public static String routeId(String scheduleId) {
        return "export-schedule-" + scheduleId;
    }

    /**
     * What keeps schedules from firing, one line each: a schedule's route that is not started, or a stopped
     * Quartz scheduler. Empty where the schedules run (or this process runs none).
     */
    public static List<String> problems(CamelContext camel, List<ScheduleDefinition> schedules) {
        List<String> out = new java.util.ArrayList<>();
        for (ScheduleDefinition s : schedules) {
            if (camel.getRoute(routeId(s.id())) == null) {
                continue; // not made in this process (the one-shot command)
            }
            org.apache.camel.ServiceStatus state = camel.getRouteController().getRouteStatus(routeId(s.id()));
            if (state == null || !state.isStarted()) {
                out.add("schedule '" + s.id() + "' does not fire: its route is " + (state == null ? "gone" : state.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        boolean onQuartz = schedules.stream().anyMatch(s -> camel.getRoute(routeId(s.id())) != null
                && camel.getRoute(routeId(s.id())).getEndpoint() instanceof org.apache.camel.component.quartz.QuartzEndpoint);
        if (onQuartz && camel.hasComponent("quartz") != null) {
            Scheduler quartz = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
            try {
                if (quartz != null && (quartz.isShutdown() || quartz.isInStandbyMode())) {
                    out.add("the Quartz scheduler of the schedules is " + (quartz.isShutdown() ? "shut down" : "in stand-by"));
                }
            } catch (SchedulerException e) {
                out.add("the Quartz scheduler of the schedules does not answer: " + e.getMessage());
            }
        }
        return out;
    }

    /** Adds and starts the schedules' routes (ids {@code export-schedule-<id>}), single-node. */
    public static void start(CamelContext camel, List<ScheduleDefinition> schedules, FireTimes fireTimes, Clock clock) {
        start(camel, schedules, fireTimes, clock, false);
    }

    /**
     * Adds and starts the schedules' routes (ids {@code export-schedule-<id>}).
     *
     * @param clustered cluster mode: both kinds of schedule on the clustered Quartz scheduler
     *                  ({@link ClusteredQuartz}), which starts once every route exists
     */
    public static void start(CamelContext camel, List<ScheduleDefinition> schedules, FireTimes fireTimes, Clock clock,
                             boolean clustered) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        if (schedules.isEmpty() || model.getRouteTemplateDefinition(CRON_TEMPLATE) == null) {
            return;
        }
        for (ScheduleDefinition s : schedules) {
            String template = s.cron() != null ? CRON_TEMPLATE : EVERY_TEMPLATE;
            TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(camel, clustered ? template + CLUSTER_SUFFIX : template)
                    .routeId(routeId(s.id()))
                    .parameter("scheduleId", s.id());
            if (s.cron() != null) {
                route.parameter("cron", s.cron());
            } else {
                route.parameter("periodMs", s.every().toMillis());
            }
            route.add();
            fireTimes.started(s.id(), clock.instant());
            LOG.info("schedule {}: {}{}{}", s.id(), s.timing(), s.incremental() ? ", incremental" : "",
                    clustered ? ", once per fire time in the cluster" : "");
        }
        if (clustered) {
            startClustered(camel, schedules, fireTimes);
        }
    }

    /**
     * The clustered scheduler: triggers of schedules no longer in the file removed (they would fire on every
     * node's scheduler with no route to take them), next fire times read from the shared triggers, then started.
     */
    private static void startClustered(CamelContext camel, List<ScheduleDefinition> schedules, FireTimes fireTimes) {
        Scheduler quartz = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
        java.util.Set<String> ids = new java.util.HashSet<>();
        schedules.forEach(s -> ids.add(s.id()));
        try {
            for (TriggerKey key : quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
                if (!ids.contains(key.getName())) {
                    quartz.unscheduleJob(key);
                    LOG.info("schedule {}: no longer in the schedules file, its trigger removed from the cluster", key.getName());
                }
            }
            fireTimes.useShared(id -> nextFireTime(quartz, id));
            quartz.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the clustered Quartz scheduler of the schedules: " + e.getMessage(), e);
        }
    }

    /** The next fire time of a schedule's trigger in the store, or null. */
    private static java.time.Instant nextFireTime(Scheduler quartz, String scheduleId) {
        try {
            Trigger t = quartz.getTrigger(TriggerKey.triggerKey(scheduleId, GROUP));
            return t == null || t.getNextFireTime() == null ? null : t.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            LOG.debug("next fire time of schedule {}", scheduleId, e);
            return null;
        }
    }
}
