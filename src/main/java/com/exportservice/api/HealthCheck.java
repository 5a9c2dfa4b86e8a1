package com.exportservice.api;

import com.exportservice.request.Problem;
import com.exportservice.status.StatusTracker;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the source and the state store answer, for {@code GET /api/health} and the readiness checks, and
 * for {@code GET /api/health} also whether the triggers work (the inbox consumer polls and can take files,
 * the schedules' routes run).
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

    /** What does not work; empty when all is well. */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        sourceProblem().ifPresent(out::add);
        storeProblem().ifPresent(out::add);
        out.addAll(triggers.get());
        return out;
    }

    /** Why the source database is not usable, if it is not. */
    public Optional<Problem> sourceProblem() {
        try (Connection c = source.getConnection()) {
            if (!c.isValid(2)) {
                return Optional.of(new Problem("source", "the source database does not answer"));
            }
            return Optional.empty();
        } catch (Exception e) {
            // the driver's message may name hosts, users or SQL: it goes to the log, not to the answer
            LoggerFactory.getLogger(HealthCheck.class).warn("health: the source database is unreachable: {}", e.getMessage());
            return Optional.of(new Problem("source", "the source database is unreachable"));
        }
    }

    /** Why the state store is not usable, if it is not. */
    public Optional<Problem> storeProblem() {
        return status.isStoreReachable() ? Optional.empty() : Optional.of(new Problem("store", "the state store is unreachable"));
    }
}
