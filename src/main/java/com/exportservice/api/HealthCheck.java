package com.exportservice.api;

import com.exportservice.request.Problem;
import com.exportservice.status.StatusTracker;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Whether the source and the state store answer and the triggers work (the inbox consumer polls and can
 * take files, the schedules' routes run), for {@code GET /api/health}.
 */
public final class HealthCheck {
    private final DataSource source;
    private final StatusTracker status;
    private final Supplier<List<Problem>> triggers;

    public HealthCheck(DataSource source, StatusTracker status) {
        this(source, status, List::of);
    }

    /** @param triggers what keeps a trigger (inbox, schedules) from working, each named by its {@code field} */
    public HealthCheck(DataSource source, StatusTracker status, Supplier<List<Problem>> triggers) {
        this.source = source;
        this.status = status;
        this.triggers = triggers;
    }

    /** What is unreachable; empty when all is well. */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        try (Connection c = source.getConnection()) {
            if (!c.isValid(2)) {
                out.add(new Problem("source", "the source database does not answer"));
            }
        } catch (Exception e) {
            // the driver's message may name hosts, users or SQL: it goes to the log, not to the answer
            LoggerFactory.getLogger(HealthCheck.class).warn("health: the source database is unreachable: {}", e.getMessage());
            out.add(new Problem("source", "the source database is unreachable"));
        }
        if (!status.isStoreReachable()) {
            out.add(new Problem("store", "the state store is unreachable"));
        }
        out.addAll(triggers.get());
        return out;
    }
}
