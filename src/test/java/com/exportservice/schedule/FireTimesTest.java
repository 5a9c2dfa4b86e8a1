package com.exportservice.schedule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class FireTimesTest {
    static final Instant START = Instant.parse("2026-11-26T04:13:03.123Z");

    final FireTimes times = new FireTimes();

    @Test
    void should_have_no_next_fire_before_the_schedule_runs() {
        assertThat(times.next(every("a", Duration.ofMinutes(15)), START)).isNull();
    }

    @Test
    void should_fire_an_every_schedule_one_period_after_start_and_after_each_fire() {
        ScheduleDefinition s = every("a", Duration.ofMinutes(15));
        times.started("a", START);

        assertThat(times.next(s, START.plusSeconds(1))).isEqualTo(START.plus(Duration.ofMinutes(15)));

        times.fired("a", START.plus(Duration.ofMinutes(15)).plusMillis(3));
        assertThat(times.next(s, START.plus(Duration.ofMinutes(16)))).isEqualTo(START.plus(Duration.ofMinutes(30)).plusMillis(3));
    }

    @Test
    void should_take_the_next_fire_from_the_shared_triggers_in_cluster_mode_where_another_node_may_fire() {
        ScheduleDefinition s = every("a", Duration.ofMinutes(15));
        times.started("a", START);
        times.fired("a", START.plusSeconds(1));

        times.useShared(id -> id.equals("a") ? START.plus(Duration.ofMinutes(7)) : null);

        assertThat(times.next(s, START.plusSeconds(2))).isEqualTo(START.plus(Duration.ofMinutes(7)));
        assertThat(times.next(every("b", Duration.ofMinutes(1)), START)).as("not running here").isNull();
    }

    @Test
    void should_give_a_cron_schedules_next_time_in_its_time_zone() {
        TimeZone berlin = TimeZone.getTimeZone("Europe/Berlin");

        assertThat(FireTimes.nextCron("0 0 2 * * ?", TimeZone.getTimeZone("UTC"), START))
                .isEqualTo(Instant.parse("2026-11-27T02:00:00Z"));
        assertThat(FireTimes.nextCron("0 0 2 * * ?", berlin, START)).isEqualTo(Instant.parse("2026-11-27T01:00:00Z"));
        assertThat(FireTimes.nextCron("0/5 * * * * ?", TimeZone.getTimeZone("UTC"), START))
                .isEqualTo(Instant.parse("2026-11-26T04:13:05Z"));
    }

    @Test
    void should_use_the_cron_expression_once_the_schedule_runs() {
        ScheduleDefinition s = new ScheduleDefinition("c", "0 0 * * * ?", null, false, JsonNodeFactory.instance.objectNode());
        times.started("c", START);

        assertThat(times.next(s, START)).isEqualTo(FireTimes.nextCron("0 0 * * * ?", TimeZone.getDefault(), START));
    }

    private static ScheduleDefinition every(String id, Duration period) {
        return new ScheduleDefinition(id, null, period, false, JsonNodeFactory.instance.objectNode());
    }
}
