package com.exportservice.schedule;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * One entry of the schedules file (contract section 7), checked: exactly one of {@code cron} and
 * {@code every} is set, and {@code export} is an ExportConfig the parser accepts.
 *
 * @param cron        a Quartz cron expression, or null
 * @param every       the period between fires, at least one second, or null
 * @param incremental export only rows above the high-water marks of the schedule's last completed run
 * @param export      the export request as written in the file (submitted as is on each fire; not to be modified)
 */
public record ScheduleDefinition(String id, String cron, Duration every, boolean incremental, JsonNode export) {
    public ScheduleDefinition {
        if ((cron == null) == (every == null)) {
            throw new IllegalArgumentException("schedule " + id + ": exactly one of cron and every");
        }
    }

    /** What the schedule says about its timing, as written in the API: the cron text or the ISO-8601 period. */
    public String timing() {
        return cron != null ? "cron " + cron : "every " + every;
    }
}
