package com.exportservice.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives every meter of Camel's exchange event notifier ({@code camel.exchange.event.notifier}) a
 * {@code routeId} tag. Camel tags an event with the route it happened in, and with none when an exchange is
 * sent from outside a route (a cluster claim, a schedule's or the command's submission to
 * {@code seda:export-queue}); Prometheus needs one set of tag keys per meter name, so whichever kind came
 * second was refused (a WARN in the log) and never counted. Such events get {@code routeId=""}.
 */
public final class ExchangeEventTags implements MeterFilter {
    static final String METER = "camel.exchange.event.notifier";
    static final String ROUTE_ID = "routeId";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getName().equals(METER) && id.getTag(ROUTE_ID) == null) {
            return id.withTag(Tag.of(ROUTE_ID, ""));
        }
        return id;
    }
}
