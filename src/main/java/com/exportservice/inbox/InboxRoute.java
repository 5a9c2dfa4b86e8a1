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
