package com.exportservice.schedule;

import com.exportservice.status.ExportNotFoundException;
import com.exportservice.status.ScheduleState;
import com.exportservice.status.StateStore;
import com.exportservice.status.StatusTracker;
import com.exportservice.status.StoreException;
import com.exportservice.time.Timestamps;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/schedules}: each schedule with its next fire time and its last export's current status. */
public final class ScheduleOverview {
    private final List<ScheduleDefinition> schedules;
    private final FireTimes fireTimes;
    private final StatusTracker status;
    private final StateStore store;
    private final Clock clock;

    public ScheduleOverview(List<ScheduleDefinition> schedules, FireTimes fireTimes, StatusTracker status, StateStore store,
                            Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.fireTimes = fireTimes;
        this.status = status;
        this.store = store;
        this.clock = clock;
    }

    public List<ScheduleInfo> list() {
        Instant now = clock.instant();
        List<ScheduleInfo> out = new ArrayList<>();
        for (ScheduleDefinition s : schedules) {
            ScheduleState state = load(s.id());
            String lastId = state == null ? null : state.lastExportId();
            out.add(new ScheduleInfo(s.id(), s.cron(), s.every() == null ? null : s.every().toString(), s.incremental(),
                    Timestamps.format(fireTimes.next(s, now)), lastId, lastStatus(state), dataTypes(s)));
        }
        return out;
    }

    private static List<String> dataTypes(ScheduleDefinition s) {
        List<String> types = new ArrayList<>();
        s.export().path("data_types").forEach(t -> types.add(t.asText()));
        return types;
    }

    private String lastStatus(ScheduleState state) {
        if (state == null || state.lastExportId() == null) {
            return null;
        }
        try {
            return status.status(state.lastExportId()).status();
        } catch (ExportNotFoundException e) {
            // the export is gone from the store: what the schedule saw last is all there is
            return state.lastStatus();
        }
    }

    private ScheduleState load(String scheduleId) {
        try {
            return store.loadSchedule(scheduleId);
        } catch (SQLException e) {
            throw new StoreException("read schedule " + scheduleId, e);
        }
    }
}
