package com.exportservice.schedule;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * When each schedule fired last and fires next, for {@code GET /api/schedules}. A cron schedule's next
 * time follows from its expression (in the JVM's default time zone, as the Quartz trigger reads it); an
 * {@code every} schedule fires one period after its route started and then one period after each fire
 * (the timer component's fixed delay). In cluster mode, where another node may fire, both come from the
 * triggers shared in the store ({@link #useShared}). Thread-safe.
 */
public final class FireTimes {
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, Instant> fired = new ConcurrentHashMap<>();
    private volatile Function<String, Instant> shared;

    /** From now on the next fire time of a running schedule is the shared trigger's (cluster mode). */
    public void useShared(Function<String, Instant> nextFireTime) {
        this.shared = nextFireTime;
    }

    /** The schedule's route is running from now on. */
    public void started(String scheduleId, Instant at) {
        started.put(scheduleId, at);
    }

    public void fired(String scheduleId, Instant at) {
        fired.put(scheduleId, at);
    }

    /** The next fire after {@code now}, or null while the schedule's route is not running. */
    public Instant next(ScheduleDefinition schedule, Instant now) {
        if (!started.containsKey(schedule.id())) {
            return null;
        }
        Function<String, Instant> fromStore = shared;
        if (fromStore != null) {
            return fromStore.apply(schedule.id());
        }
        if (schedule.cron() != null) {
            return nextCron(schedule.cron(), TimeZone.getDefault(), now);
        }
        return fired.getOrDefault(schedule.id(), started.get(schedule.id())).plus(schedule.every());
    }

    static Instant nextCron(String cron, TimeZone zone, Instant now) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(zone);
            Date next = expression.getNextValidTimeAfter(Date.from(now));
            return next == null ? null : next.toInstant();
        } catch (ParseException e) {
            // checked when the schedules file was read
            throw new IllegalStateException("invalid cron expression " + cron, e);
        }
    }
}
