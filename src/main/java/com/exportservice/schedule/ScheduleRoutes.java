package com.exportservice.schedule;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Makes one route per schedule from the templates of {@code routes/export-schedules.camel.yaml}: a
 * Quartz route for a {@code cron} schedule, a timer route for an {@code every} schedule. Called once the
 * engine is connected (a route may fire at once); does nothing where that route file is not loaded
 * (the one-shot command runs no schedules).
 */
public final class ScheduleRoutes {
    public static final String CRON_TEMPLATE = "export-schedule-cron";
    public static final String EVERY_TEMPLATE = "export-schedule-every";
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
        if (schedules.stream().anyMatch(s -> s.cron() != null) && camel.hasComponent("quartz") != null) {
            org.quartz.Scheduler quartz = camel.getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class).getScheduler();
            try {
                if (quartz != null && (quartz.isShutdown() || quartz.isInStandbyMode())) {
                    out.add("the Quartz scheduler of the cron schedules is " + (quartz.isShutdown() ? "shut down" : "in stand-by"));
                }
            } catch (org.quartz.SchedulerException e) {
                out.add("the Quartz scheduler of the cron schedules does not answer: " + e.getMessage());
            }
        }
        return out;
    }

    /** Adds and starts the schedules' routes (ids {@code export-schedule-<id>}). */
    public static void start(CamelContext camel, List<ScheduleDefinition> schedules, FireTimes fireTimes, Clock clock) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        if (schedules.isEmpty() || model.getRouteTemplateDefinition(CRON_TEMPLATE) == null) {
            return;
        }
        for (ScheduleDefinition s : schedules) {
            TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(camel, s.cron() != null ? CRON_TEMPLATE : EVERY_TEMPLATE)
                    .routeId(routeId(s.id()))
                    .parameter("scheduleId", s.id());
            if (s.cron() != null) {
                route.parameter("cron", s.cron());
            } else {
                route.parameter("periodMs", s.every().toMillis());
            }
            route.add();
            fireTimes.started(s.id(), clock.instant());
            LOG.info("schedule {}: {}{}", s.id(), s.timing(), s.incremental() ? ", incremental" : "");
        }
    }
}
