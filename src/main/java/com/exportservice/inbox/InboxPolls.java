package com.exportservice.inbox;

import com.exportservice.security.LogText;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The inbox consumer's poll strategy and exception handler (bean {@code inboxPolls}). Before each poll it
 * checks that {@code .processed/} and {@code .failed/} can take files: when they cannot (a regular file named
 * {@code inbox/.failed}, no permission), the poll fails before any file is touched, the consumer backs off
 * ({@code backoffErrorThreshold}/{@code backoffMultiplier} of the route), the problem is logged once, not at
 * every poll, and {@link #problem} reports it to the health check until a poll works again. It also notes
 * when the consumer last polled, so a consumer that stopped polling (its thread died) shows in the health.
 */
public final class InboxPolls implements PollingConsumerPollStrategy, ExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InboxPolls.class);

    private final Path inbox;
    private final Clock clock;
    private final Duration silentLimit;
    private volatile Instant lastPoll;
    private volatile String problem;

    /**
     * @param silentLimit how long the consumer may go without a poll before the health says it stopped
     *                    (well above the poll delay times the back-off)
     */
    public InboxPolls(Path inbox, Clock clock, Duration silentLimit) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.clock = clock;
        this.silentLimit = silentLimit;
    }

    /** A poll starts: the destinations are checked first. */
    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        lastPoll = clock.instant();
        try {
            InboxFiles.prepareDestinations(inbox);
        } catch (IOException e) {
            throw new InboxUnusableException(e.getMessage(), e);
        }
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (problem != null) {
            LOG.info("the inbox works again ({})", inbox);
            problem = null;
        }
    }

    /** No immediate retry: the consumer counts the error and backs off. */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        return false;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    /** One line per new problem, without a stack trace; repeats of the same problem are not logged again. */
    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String what = LogText.safe(exception == null ? String.valueOf(message) : String.valueOf(exception.getMessage()), 1000);
        if (exception instanceof InboxUnusableException) {
            if (!what.equals(problem)) {
                LOG.error("the inbox cannot take files: {}; it tries again after a back-off", what);
            }
            problem = what;
            return;
        }
        LOG.warn("inbox: {}{}", message == null ? "" : LogText.safe(message, 300) + ": ", what);
        LOG.debug("inbox failure", exception);
    }

    /** What keeps the inbox from working, or empty: unusable destinations, or no poll for too long. */
    public Optional<String> problem() {
        String p = problem;
        if (p != null) {
            return Optional.of("the inbox cannot take files: " + p);
        }
        Instant last = lastPoll;
        if (last != null && Duration.between(last, clock.instant()).compareTo(silentLimit) > 0) {
            return Optional.of("the inbox has not polled " + inbox + " since " + last + " (its consumer stopped)");
        }
        return Optional.empty();
    }

    /** The inbox's destinations cannot take files. */
    static final class InboxUnusableException extends RuntimeException {
        InboxUnusableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
