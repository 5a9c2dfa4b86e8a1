package com.exportservice.observe;

import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.StatusListener;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Notifications ({@code exportNotifications}): when an export completes, fails or is cancelled, its
 * ExportSummary goes to the notification route (route {@code export-notify}) through a bounded
 * {@code seda:} queue, which POSTs it to {@code exporter.notify.url} with redelivery. The hand-off never
 * waits: with the queue full the notification is dropped and logged, and the export is not touched.
 */
public final class ExportNotifications implements StatusListener {
    public static final String QUEUE = "seda:export-notify";
    private static final Logger LOG = LoggerFactory.getLogger(ExportNotifications.class);

    private final ObjectMapper mapper;
    private final NotifyTarget target;
    private volatile Consumer<String> queue = json -> {
        throw new IllegalStateException("the notification route is not running");
    };

    public ExportNotifications(ObjectMapper mapper, NotifyTarget target) {
        this.mapper = mapper;
        this.target = target;
    }

    /** Connects to the notification queue once Camel runs. */
    public void connect(Consumer<String> queue) {
        this.queue = queue;
    }

    @Override
    public void statusChanged(ExportStatus status) {
        ExportState state = ExportState.fromName(status.status());
        if (state == null || !state.isFinished()) {
            return;
        }
        try {
            queue.accept(mapper.writeValueAsString(status.summary()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("notification of export {} ({}) dropped: {}", status.exportId(), status.status(), e.getMessage());
        }
    }

    /** Headers of the POST (route step): JSON, the URL's query, Basic credentials when the URL had them. */
    public void prepare(Exchange exchange) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_METHOD, "POST");
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (target.query() != null) {
            m.setHeader(Exchange.HTTP_QUERY, target.query());
        }
        if (target.authorization() != null) {
            m.setHeader("Authorization", target.authorization());
        }
    }

    /** The dead-letter end: every attempt failed. Logged with the URL masked and the cause's first line. */
    public void deadLetter(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String exportId = exportId(exchange.getMessage().getBody(String.class));
        LOG.warn("notification of export {} to {} failed after every attempt: {}", exportId, target.display(), describe(cause));
    }

    /** A delivered notification (route step), for the log. */
    public void delivered(Exchange exchange) {
        LOG.info("notified {} of export {}", target.display(), exportId(exchange.getMessage().getBody(String.class)));
    }

    private String exportId(String json) {
        try {
            return json == null ? "?" : mapper.readTree(json).path("export_id").asText("?");
        } catch (JsonProcessingException e) {
            return "?";
        }
    }

    /** What went wrong, without anything the URL carried: camel-http's message names the endpoint, which has no credentials. */
    private String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        if (t instanceof org.apache.camel.http.base.HttpOperationFailedException h) {
            return "the receiver answered " + h.getStatusCode();
        }
        String m = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m.replace(target.endpointUri(), target.display()));
    }
}
