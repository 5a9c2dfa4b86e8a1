package com.exportservice.observe;

import com.exportservice.security.Caller;
import com.exportservice.security.CallerUser;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/events}: the {@link ExportEvents} of the caller as server-sent events, on a Vert.x route of
 * the API's server behind the access gate (the gate has found the caller before this runs). Non-blocking:
 * events are written on the connection's event loop as the client takes them; while it does not (a full
 * write queue), progress events are coalesced per export and the oldest dropped beyond
 * {@value ExportEvents#MAX_WAITING}. A comment line goes out when nothing else did for
 * {@code keepAlive}, so idle streams outlive the server's idle timeout; a closed connection unsubscribes.
 */
public final class EventStream implements Handler<RoutingContext> {
    public static final String PATH = "/api/events";

    private final ExportEvents events;
    private final Duration keepAlive;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    public EventStream(ExportEvents events, Duration keepAlive) {
        this.events = events;
        this.keepAlive = keepAlive;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Caller caller = CallerUser.of(ctx.user());
        HttpServerResponse res = ctx.response();
        Long lastEventId = lastEventId(ctx.request().getHeader("Last-Event-ID"));
        Connection c = new Connection(ctx.vertx(), Vertx.currentContext(), res);
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("X-Accel-Buffering", "no"); // a proxy in front must not buffer the stream
        if (!events.subscribe(c, caller, lastEventId)) {
            JsonObject body = new JsonObject().put("error", "unavailable")
                    .put("message", events.maxSubscribers() + " event streams are open already, the most this service keeps; try again later")
                    .put("details", new JsonArray());
            res.setChunked(false).setStatusCode(503).putHeader("Content-Type", "application/json").putHeader("Retry-After", "10")
                    .end(body.encode());
            return;
        }
        open.add(c);
        res.closeHandler(v -> c.close());
        res.exceptionHandler(e -> c.close());
        res.drainHandler(v -> c.drain());
        // the first bytes: the stream is open; a client that reconnects waits 3 s
        c.write("retry: 3000\n: export-service events\n\n");
    }

    /** Sends a comment on every stream idle for longer than the keep-alive (called periodically). */
    public void keepAlive() {
        long now = System.nanoTime();
        for (Connection c : open) {
            if (now - c.lastWrite > keepAlive.toNanos()) {
                c.context.runOnContext(v -> {
                    if (c.pending.isEmpty()) {
                        c.write(": keep-alive\n\n");
                    }
                });
            }
        }
    }

    /** Ends every stream (the service stops). */
    public void closeAll() {
        for (Connection c : open) {
            c.context.runOnContext(v -> {
                c.close();
                if (!c.response.ended() && !c.response.closed()) {
                    c.response.end();
                }
            });
        }
    }

    public int openStreams() {
        return open.size();
    }

    static Long lastEventId(String header) {
        if (header == null || !header.trim().matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(header.trim());
    }

    /** One client's stream: the events waiting to be written. */
    private final class Connection implements ExportEvents.Sink {
        final Context context;
        final HttpServerResponse response;
        final Deque<ExportEvents.Event> pending = new ArrayDeque<>();
        volatile long lastWrite = System.nanoTime();
        boolean scheduled;
        volatile boolean closed;

        Connection(Vertx vertx, Context context, HttpServerResponse response) {
            this.context = context != null ? context : vertx.getOrCreateContext();
            this.response = response;
        }

        @Override
        public void offer(ExportEvents.Event event) {
            if (closed) {
                return;
            }
            boolean schedule;
            synchronized (pending) {
                // progress of an export replaces its waiting progress; a change of status is kept
                pending.removeIf(w -> w.exportId().equals(event.exportId()) && w.status().equals(event.status()));
                pending.addLast(event);
                if (pending.size() > ExportEvents.MAX_WAITING) {
                    pending.removeFirst();
                }
                schedule = !scheduled;
                scheduled = true;
            }
            if (schedule) {
                context.runOnContext(v -> drain());
            }
        }

        /** Writes waiting events while the connection takes them (on the event loop). */
        void drain() {
            while (!closed && !response.writeQueueFull()) {
                ExportEvents.Event next;
                synchronized (pending) {
                    next = pending.pollFirst();
                    if (next == null) {
                        scheduled = false;
                        return;
                    }
                }
                write(next.wire());
            }
            synchronized (pending) {
                scheduled = false; // the drain handler calls again once the client took what was written
            }
        }

        void write(String text) {
            if (closed || response.ended() || response.closed()) {
                return;
            }
            lastWrite = System.nanoTime();
            response.write(text);
        }

        void close() {
            closed = true;
            events.unsubscribe(this);
            open.remove(this);
            synchronized (pending) {
                pending.clear();
            }
        }
    }
}
