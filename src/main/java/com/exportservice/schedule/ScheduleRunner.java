package com.exportservice.schedule;

import com.exportservice.status.DataTypeCheckpoint;
import com.exportservice.status.ExportNotFoundException;
import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.ScheduleState;
import com.exportservice.status.StateStore;
import com.exportservice.status.StatusTracker;
import com.exportservice.status.StoreException;
import com.exportservice.status.TooManyExportsException;
import com.exportservice.submission.RequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a schedule does when it fires (bean {@code exportSchedules}, called by the routes of
 * {@code export-schedules.camel.yaml}): unless the schedule's previous export is still pending or
 * running, it submits the schedule's export. An incremental schedule exports only rows above its
 * <em>base</em>: per data type, the high-water mark of its last completed run. The base and the last
 * export id live in the state store ({@code schedule_state}), so a restart neither repeats nor skips rows.
 * Fires of one schedule are serialized; different schedules fire independently.
 */
public final class ScheduleRunner {
    /** Exchange property holding the id of the schedule that fired; set by the schedule routes. */
    public static final String SCHEDULE_ID = "scheduleId";
    /** The header in which camel-quartz gives the fire time its trigger was due. */
    static final String SCHEDULED_FIRE_TIME = "scheduledFireTime";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final TypeReference<LinkedHashMap<String, String>> MARKS = new TypeReference<>() {
    };

    /** Submits a schedule's export: {@code ExportSubmission.submitScheduled}, trigger {@code schedule}. */
    @FunctionalInterface
    public interface Submitter {
        ExportStatus submit(JsonNode request, String scheduleId, Map<String, String> startAfterKeys);
    }

    private final Map<String, ScheduleDefinition> schedules = new LinkedHashMap<>();
    private final Submitter submitter;
    private final StatusTracker status;
    private final StateStore store;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final FireTimes fireTimes;

    public ScheduleRunner(List<ScheduleDefinition> schedules, Submitter submitter, StatusTracker status, StateStore store,
                          ObjectMapper mapper, Clock clock, FireTimes fireTimes) {
        schedules.forEach(s -> this.schedules.put(s.id(), s));
        this.submitter = submitter;
        this.status = status;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.fireTimes = fireTimes;
    }

    /**
     * Fires a schedule.
     *
     * @return the id of the export it submitted, or null when it skipped this fire (previous export still
     * pending or running, or the queue full)
     */
    public String fire(@ExchangeProperty(SCHEDULE_ID) String scheduleId) {
        return fireAt(scheduleId, null);
    }

    /**
     * Fires a schedule for a fire time of its trigger (the cluster mode's routes: the fire time the clustered
     * Quartz trigger was due, named in the log lines, so each fire time's one outcome can be traced in the cluster).
     *
     * @param scheduledFireTime when the trigger was due, or null where the route does not say (the timer)
     * @return as {@link #fire}
     */
    public String fireAt(@ExchangeProperty(SCHEDULE_ID) String scheduleId, @Header(SCHEDULED_FIRE_TIME) Date scheduledFireTime) {
        String due = scheduledFireTime == null ? "" : " (fire time " + scheduledFireTime.toInstant() + ")";
        ScheduleDefinition schedule = schedules.get(scheduleId);
        if (schedule == null) {
            throw new IllegalArgumentException("no schedule '" + scheduleId + "'");
        }
        // the definition object is the lock: one fire of a schedule at a time, never two exports queued at once
        synchronized (schedule) {
            fireTimes.fired(scheduleId, clock.instant());
            ScheduleState state = load(scheduleId);
            Map<String, String> base = state == null ? new LinkedHashMap<>() : marks(state);
            if (state != null && state.lastExportId() != null) {
                String last = state.lastExportId();
                ExportState lastState = currentState(last);
                if (lastState == ExportState.PENDING || lastState == ExportState.RUNNING) {
                    LOG.info("schedule {}{}: fire skipped, its export {} is still {}", scheduleId, due, last, lastState.jsonName());
                    return null;
                }
                if (lastState == ExportState.COMPLETED) {
                    base = advance(base, status.checkpoints(last));
                }
                // failed or cancelled: the base stays, so the next run exports that run's rows too
            }
            ExportStatus created;
            try {
                created = submitter.submit(request(schedule), scheduleId, schedule.incremental() ? base : Map.of());
            } catch (TooManyExportsException | RequestException e) {
                // queue full, or too little free disk (507): the next fire tries again
                LOG.warn("schedule {}{}: fire skipped: {}", scheduleId, due, e.getMessage());
                return null;
            }
            save(new ScheduleState(scheduleId, toJson(base), created.exportId(), created.status()));
            LOG.info("schedule {} ({}){}: started export {}{}", scheduleId, schedule.timing(), due, created.exportId(),
                    schedule.incremental() ? " after " + (base.isEmpty() ? "nothing (first run: all rows)" : base) : "");
            return created.exportId();
        }
    }

    /**
     * The base after a completed run: per data type its high-water mark; a data type the run found
     * empty (no mark) keeps its previous base.
     */
    static Map<String, String> advance(Map<String, String> base, List<DataTypeCheckpoint> completedRun) {
        Map<String, String> next = new LinkedHashMap<>(base);
        for (DataTypeCheckpoint cp : completedRun) {
            if (cp.highWaterMark() != null) {
                next.put(cp.dataType(), cp.highWaterMark());
            }
        }
        return next;
    }

    /** The request to submit: the schedule's, labelled with the schedule when it has no name of its own. */
    JsonNode request(ScheduleDefinition schedule) {
        ObjectNode request = schedule.export().deepCopy();
        JsonNode name = request.get("name");
        if (name == null || name.isNull()) {
            request.put("name", "schedule " + schedule.id());
        }
        return request;
    }

    /** The export's status now, or null when the store no longer knows it. */
    private ExportState currentState(String exportId) {
        try {
            return ExportState.fromName(status.status(exportId).status());
        } catch (ExportNotFoundException e) {
            return null;
        }
    }

    private Map<String, String> marks(ScheduleState state) {
        if (state.highWaterMarks() == null || state.highWaterMarks().isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(state.highWaterMarks(), MARKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedule " + state.scheduleId() + ": unreadable high-water marks in the store: "
                    + state.highWaterMarks(), e);
        }
    }

    private String toJson(Map<String, String> marks) {
        try {
            return mapper.writeValueAsString(marks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ScheduleState load(String scheduleId) {
        try {
            return store.loadSchedule(scheduleId);
        } catch (SQLException e) {
            throw new StoreException("read schedule " + scheduleId, e);
        }
    }

    private void save(ScheduleState state) {
        try {
            store.saveSchedule(state);
        } catch (SQLException e) {
            throw new StoreException("save schedule " + state.scheduleId(), e);
        }
    }
}
