package com.exportservice.api;

import java.util.List;

/** What {@code GET /api/schedules} lists: one object per schedule. */
@FunctionalInterface
public interface SchedulesView {
    List<?> list();
}
