package com.exportservice.inbox;

import org.apache.camel.CamelContext;

/**
 * The inbox route ({@code routes/export-inbox.camel.yaml}) is declared with {@code autoStartup: false}
 * and started here, once the engine is connected: a file waiting from before start-up is submitted at the
 * first poll, and a submit needs the queue. Where the route file is not loaded (the one-shot command) this
 * does nothing.
 */
public final class InboxRoute {
    public static final String ROUTE_ID = "export-inbox";

    private InboxRoute() {
    }

    /**
     * What keeps the inbox from taking files: its route not started, or what its poll strategy saw
     * ({@link InboxPolls#problem}). Empty where it works, or where this process has no inbox.
     */
    public static java.util.Optional<String> problem(CamelContext camel, InboxPolls polls) {
        if (camel.getRoute(ROUTE_ID) == null) {
            return java.util.Optional.empty();
        }
        org.apache.camel.ServiceStatus state = camel.getRouteController().getRouteStatus(ROUTE_ID);
        if (state == null || !state.isStarted()) {
            return java.util.Optional.of("the inbox route is " + (state == null ? "gone" : state.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return polls.problem();
    }

    public static void start(CamelContext camel) {
        if (camel.getRoute(ROUTE_ID) == null) {
            return;
        }
        try {
            camel.getRouteController().startRoute(ROUTE_ID);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the inbox route: " + e.getMessage(), e);
        }
    }
}
