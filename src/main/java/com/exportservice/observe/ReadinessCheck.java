package com.exportservice.observe;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A Camel health check for something the service needs to do its work (the source database, the state
 * store), reported at {@code /observe/health/ready}. Readiness only: a database outage makes the service
 * unready, but restarting it (what a failed liveness check leads to) would not bring the database back.
 */
public final class ReadinessCheck extends AbstractHealthCheck {
    private final Supplier<Optional<String>> problem;

    /**
     * @param id      the check's name in the health answer ({@code source}, {@code store})
     * @param problem why it is not usable now, or empty; a message for an operator, never a driver's text
     */
    public ReadinessCheck(String id, Supplier<Optional<String>> problem) {
        super("exporter", id);
        this.problem = problem;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<String> why = problem.get();
        if (why.isPresent()) {
            builder.down().message(why.get());
        } else {
            builder.up();
        }
    }
}
