package com.exportservice.source;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds the queries a reader runs on the source: each statement gets a JDBC query timeout, and another
 * thread may cancel the statement running (a preview whose client closed the connection). Two kinds:
 * {@link #perStatement} gives every statement the same time (an export's plan and batches);
 * {@link #deadline} gives all statements of a task one time together, and can be cancelled (a preview).
 * Thread-safe: the cancelling thread and the querying thread meet here.
 */
public final class QueryGuard {
    /** What the setting that sets the time is called, for messages. */
    private final String setting;
    private final Duration timeout;
    private final Clock clock;
    private final Instant deadline;
    private Statement running;
    private boolean cancelled;

    private QueryGuard(String setting, Duration timeout, Clock clock, Instant deadline) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a query timeout must be positive: " + timeout);
        }
        this.setting = setting;
        this.timeout = timeout;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** Every statement may run for {@code timeout}. */
    public static QueryGuard perStatement(Duration timeout, String setting) {
        return new QueryGuard(setting, timeout, Clock.systemUTC(), null);
    }

    /** All statements together may run for {@code timeout} from now; {@link #cancel()} stops them. */
    public static QueryGuard deadline(Duration timeout, String setting, Clock clock) {
        return new QueryGuard(setting, timeout, clock, clock.instant().plus(timeout));
    }

    /**
     * A statement is about to run: it gets the time left, and becomes what {@link #cancel()} cancels.
     *
     * @throws SQLException when cancelled already, or {@link SQLTimeoutException} when no time is left
     */
    synchronized void starting(Statement statement) throws SQLException {
        if (cancelled) {
            throw cancelledException();
        }
        long millisLeft = deadline == null ? timeout.toMillis() : Duration.between(clock.instant(), deadline).toMillis();
        if (millisLeft <= 0) {
            throw timedOut();
        }
        // JDBC counts whole seconds; 0 would mean no limit
        statement.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (millisLeft + 999) / 1000)));
        if (deadline != null) {
            running = statement; // only a task's own guard is cancelled; a per-statement one serves many threads
        }
    }

    /** The statement ended (its result read or failed). */
    synchronized void finished(Statement statement) {
        if (running == statement) {
            running = null;
        }
    }

    /**
     * Why a statement failed, as the caller should see it: a cancel by {@link #cancel()} or the timeout
     * become their own clear exceptions, anything else stays as it was.
     */
    SQLException explain(SQLException e, Instant startedAt) {
        if (isCancelled()) {
            return cancelledException();
        }
        boolean timeUp = deadline != null ? !clock.instant().isBefore(deadline)
                : Duration.between(startedAt, clock.instant()).compareTo(timeout) >= 0;
        if (e instanceof SQLTimeoutException || (timeUp && isCancelState(e))) {
            SQLTimeoutException t = timedOut();
            t.initCause(e);
            return t;
        }
        return e;
    }

    /** Cancels the running statement, and every later one before it starts. */
    public void cancel() {
        Statement s;
        synchronized (this) {
            cancelled = true;
            s = running;
        }
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // the statement ended meanwhile, or the driver cannot cancel: the timeout still bounds it
            }
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    Clock clock() {
        return clock;
    }

    private SQLTimeoutException timedOut() {
        return new SQLTimeoutException("the source database did not answer within " + timeout + " (" + setting + ")", "57014");
    }

    private static SQLException cancelledException() {
        return new SQLException("the query was cancelled: its client went away", "57014");
    }

    /** SQL state 57014 is "query canceled" in H2 and PostgreSQL; MariaDB reports a timeout as 70100. */
    private static boolean isCancelState(SQLException e) {
        return "57014".equals(e.getSQLState()) || "70100".equals(e.getSQLState());
    }
}
