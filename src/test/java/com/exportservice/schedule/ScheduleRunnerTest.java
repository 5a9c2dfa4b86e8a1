package com.exportservice.schedule;

import com.exportservice.Json;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.ScheduleState;
import com.exportservice.status.StateStore;
import com.exportservice.status.StatusTracker;
import com.exportservice.status.TooManyExportsException;
import com.exportservice.testsupport.InMemoryH2;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fire decisions against a real state store (in-memory H2) and status bean; the engine is replaced
 * by a submitter that records the export pending, as ExportSubmission does, and remembers what it was asked.
 */
class ScheduleRunnerTest {
    final ObjectMapper mapper = Json.newMapper();
    final List<Submission> submissions = new ArrayList<>();
    StateStore store;
    StatusTracker status;
    boolean queueFull;

    record Submission(JsonNode request, String scheduleId, Map<String, String> startAfterKeys, String exportId) {
    }

    @BeforeEach
    void setUp() throws SQLException {
        store = InMemoryH2.stateStore();
        status = new StatusTracker(store, Clock.systemUTC(), 2, 100);
    }

    @Test
    void should_export_everything_on_the_first_fire_and_remember_the_export() throws SQLException {
        ScheduleRunner runner = runner(schedule("nightly", true, "{\"data_types\":[\"logs\",\"events\"]}"));

        String id = runner.fire("nightly");

        assertThat(id).isNotNull();
        assertThat(submissions).singleElement().satisfies(s -> {
            assertThat(s.scheduleId()).isEqualTo("nightly");
            assertThat(s.startAfterKeys()).isEmpty();
        });
        ScheduleState state = store.loadSchedule("nightly");
        assertThat(state.lastExportId()).isEqualTo(id);
        assertThat(state.lastStatus()).isEqualTo("pending");
    }

    @Test
    void should_skip_a_fire_while_the_previous_export_is_pending_or_running() {
        ScheduleRunner runner = runner(schedule("s", true, "{\"data_types\":[\"logs\"]}"));
        String first = runner.fire("s");

        assertThat(runner.fire("s")).isNull();
        status.start(first);
        assertThat(runner.fire("s")).isNull();

        assertThat(submissions).hasSize(1);
    }

    @Test
    void should_start_after_the_high_water_marks_of_the_last_completed_run() {
        ScheduleRunner runner = runner(schedule("s", true, "{\"data_types\":[\"logs\",\"events\"]}"));
        complete(runner.fire("s"), Map.of("logs", "500", "events", "70"));

        runner.fire("s");

        assertThat(submissions.get(1).startAfterKeys()).isEqualTo(Map.of("logs", "500", "events", "70"));
    }

    @Test
    void should_keep_the_base_when_the_last_run_failed_or_was_cancelled() {
        ScheduleRunner runner = runner(schedule("s", true, "{\"data_types\":[\"logs\"]}"));
        complete(runner.fire("s"), Map.of("logs", "500"));
        String second = runner.fire("s");
        status.start(second);
        status.planned(second, "logs", 10, 1, "510");
        status.failed(second, "source unreachable");
        String third = runner.fire("s");
        status.requestCancel(third);

        runner.fire("s");

        assertThat(submissions).extracting(Submission::startAfterKeys)
                .containsExactly(Map.of(), Map.of("logs", "500"), Map.of("logs", "500"), Map.of("logs", "500"));
    }

    @Test
    void should_keep_a_data_types_base_when_the_completed_run_found_no_rows_for_it() {
        ScheduleRunner runner = runner(schedule("s", true, "{\"data_types\":[\"logs\",\"events\"]}"));
        complete(runner.fire("s"), Map.of("logs", "500", "events", "70"));
        complete(runner.fire("s"), Map.of("logs", "520"));

        runner.fire("s");

        assertThat(submissions.get(2).startAfterKeys()).isEqualTo(Map.of("logs", "520", "events", "70"));
    }

    @Test
    void should_keep_the_base_in_the_store_across_a_restart() {
        ScheduleDefinition s = schedule("s", true, "{\"data_types\":[\"logs\"]}");
        complete(runner(s).fire("s"), Map.of("logs", "500"));

        // a new status bean and runner on the same store: what a restarted service has
        status = new StatusTracker(store, Clock.systemUTC(), 2, 100);
        runner(s).fire("s");

        assertThat(submissions.get(1).startAfterKeys()).isEqualTo(Map.of("logs", "500"));
    }

    @Test
    void should_export_all_rows_each_time_when_not_incremental_but_track_the_marks() throws SQLException {
        ScheduleRunner runner = runner(schedule("full", false, "{\"data_types\":[\"logs\"]}"));
        complete(runner.fire("full"), Map.of("logs", "500"));

        runner.fire("full");

        assertThat(submissions.get(1).startAfterKeys()).isEmpty();
        assertThat(store.loadSchedule("full").highWaterMarks()).isEqualTo("{\"logs\":\"500\"}");
    }

    @Test
    void should_skip_a_fire_when_the_queue_is_full_and_leave_the_state_alone() throws SQLException {
        ScheduleRunner runner = runner(schedule("s", true, "{\"data_types\":[\"logs\"]}"));
        String first = runner.fire("s");
        complete(first, Map.of("logs", "500"));
        queueFull = true;

        assertThat(runner.fire("s")).isNull();

        assertThat(store.loadSchedule("s").lastExportId()).isEqualTo(first);
        queueFull = false;
        runner.fire("s");
        assertThat(submissions.get(1).startAfterKeys()).isEqualTo(Map.of("logs", "500"));
    }

    @Test
    void should_label_the_export_with_the_schedule_unless_it_has_a_name() {
        ScheduleRunner runner = runner(
                schedule("unnamed", false, "{\"data_types\":[\"logs\"]}"),
                schedule("named", false, "{\"data_types\":[\"logs\"],\"name\":\"weekly report\"}"));

        runner.fire("unnamed");
        runner.fire("named");

        assertThat(submissions).extracting(s -> s.request().path("name").asText())
                .containsExactly("schedule unnamed", "weekly report");
    }

    private ScheduleRunner runner(ScheduleDefinition... schedules) {
        ScheduleRunner.Submitter submitter = (request, scheduleId, startAfter) -> {
            if (queueFull) {
                throw new TooManyExportsException(100);
            }
            List<String> types = new ArrayList<>();
            request.path("data_types").forEach(t -> types.add(t.asText()));
            ExportStatus created = status.create(types, request.path("name").asText(null), request.toString(), "schedule",
                    scheduleId, Path.of("exports"), startAfter);
            submissions.add(new Submission(request, scheduleId, Map.copyOf(startAfter), created.exportId()));
            return created;
        };
        return new ScheduleRunner(List.of(schedules), submitter, status, store, mapper, Clock.systemUTC(), new FireTimes());
    }

    /** Runs an export through to completed with the given high-water marks (data types not named: empty). */
    private void complete(String exportId, Map<String, String> highWaterMarks) {
        status.start(exportId);
        status.checkpoints(exportId).forEach(cp ->
                status.planned(exportId, cp.dataType(), 0, 0, highWaterMarks.get(cp.dataType())));
        status.completed(exportId);
    }

    private ScheduleDefinition schedule(String id, boolean incremental, String exportJson) {
        try {
            return new ScheduleDefinition(id, null, java.time.Duration.ofMinutes(1), incremental, mapper.readTree(exportJson));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
