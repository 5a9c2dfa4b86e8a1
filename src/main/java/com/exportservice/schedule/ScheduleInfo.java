package com.exportservice.schedule;

/**
 * One schedule as {@code GET /api/schedules} lists it (snake_case in JSON). Exactly one of {@code cron}
 * and {@code every} is set; {@code every} is the ISO-8601 duration ({@code PT15M}).
 *
 * @param nextFireTime ISO-8601 UTC with milliseconds, null while the schedule is not running
 * @param lastStatus   the current status of {@code lastExportId}, null before the first run
 */
public record ScheduleInfo(String id, String cron, String every, boolean incremental, String nextFireTime,
                           String lastExportId, String lastStatus) {
}
