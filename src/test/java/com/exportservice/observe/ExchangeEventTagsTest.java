package com.exportservice.observe;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Exchange events sent inside and outside a route are both counted in one Prometheus registry. */
class ExchangeEventTagsTest {

    @Test
    void should_count_events_without_a_route_beside_those_of_a_route() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new ExchangeEventTags());

        Timer.builder(ExchangeEventTags.METER).tags("endpointName", "seda://export-queue", "routeId", "api-create-export")
                .register(registry).record(Duration.ofMillis(3));
        Timer.builder(ExchangeEventTags.METER).tags("endpointName", "seda://export-queue")
                .register(registry).record(Duration.ofMillis(5));

        String scrape = registry.scrape();
        assertThat(scrape).contains("camel_exchange_event_notifier_seconds_count{endpointName=\"seda://export-queue\",routeId=\"api-create-export\"} 1")
                .contains("camel_exchange_event_notifier_seconds_count{endpointName=\"seda://export-queue\",routeId=\"\"} 1");
    }

    @Test
    void should_leave_other_meters_alone() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new ExchangeEventTags());

        registry.counter("exporter.records.written", "data_type", "logs").increment();

        assertThat(registry.scrape()).contains("exporter_records_written_total{data_type=\"logs\"} 1");
    }
}
