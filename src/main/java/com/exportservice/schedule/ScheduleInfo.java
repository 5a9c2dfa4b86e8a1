package com.exportservice.schedule;

/**
 * One schedule as {@code GET /api/schedules} lists it (snake_case in JSON). Exactly one of {@code cron}
 * and {@code every} is set; {@code every} is the ISO-8601 duration ({@code PT15M}).
 *
 * @param nextFireTime ISO-8601 UTC with milliseconds, null while the schedule is not running
 * @param lastStatus   the current status of {@code lastExportId}, null before the first run
 * @param dataTypes    the data types the schedule exports (a token limited to data types sees only its schedules)
 */
public record ScheduleInfo(String id, String cron, String every, boolean incremental, String nextFireTime,
                           String lastExportId, String lastStatus, java.util.List<String> dataTypes) {
}
