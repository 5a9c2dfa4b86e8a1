package com.exportservice.observe;

import com.exportservice.security.Caller;
import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.ExportSummary;
import com.exportservice.status.Progress;
import com.exportservice.status.StatusListener;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live events of every export, whatever started it (HTTP, inbox, schedule): an {@code export} event
 * with the ExportSummary when an export is created or changes status, and at most once per
 * {@link #flushProgress() flush} (a second) per running export while it progresses. Each event gets a
 * number (the SSE {@code id}); the last {@value #REPLAY} are kept so a client that reconnects with
 * {@code Last-Event-ID} misses nothing recent.
 * <p>
 * Subscribers see only the exports their caller may see (a token limited to data types: the exports all
 * of whose data types it covers). Events a client has not taken yet wait for it, at most
 * {@value #MAX_WAITING} (the oldest dropped beyond); a newer event of an export replaces its waiting one of
 * the same status (progress), so every change of status reaches the client and a slow client costs
 * bounded memory.
 */
public final class ExportEvents implements StatusListener {
    static final int REPLAY = 1000;
    static final int MAX_WAITING = 256;

    /**
     * One event as sent: its number, the export and its status, the data types that decide who may see it,
     * the JSON.
     */
    public record Event(long id, String exportId, String status, Set<String> dataTypes, String json) {
        /** The event in the SSE wire format. */
        public String wire() {
            return "id: " + id + "\nevent: export\ndata: " + json + "\n\n";
        }
    }

    /** Where a subscriber's events go; called on whatever thread published them, must not block. */
    public interface Sink {
        void offer(Event event);
    }

    private final ObjectMapper mapper;
    private final int maxSubscribers;
    private final Map<Sink, Caller> subscribers = new ConcurrentHashMap<>();
    private final Deque<Event> recent = new ArrayDeque<>();
    private final Map<String, ExportSummary> progressed = new LinkedHashMap<>();
    private long nextId = 1;

    public ExportEvents(ObjectMapper mapper, int maxSubscribers) {
        this.mapper = mapper;
        this.maxSubscribers = maxSubscribers;
    }

    /**
     * Adds a subscriber for a caller; replays the kept events after {@code lastEventId} (null: none).
     *
     * @return false when {@code maxSubscribers} streams are already open
     */
    public boolean subscribe(Sink sink, Caller caller, Long lastEventId) {
        List<Event> replay = new ArrayList<>();
        synchronized (this) {
            if (subscribers.size() >= maxSubscribers) {
                return false;
            }
            if (lastEventId != null) {
                for (Event e : recent) {
                    if (e.id() > lastEventId) {
                        replay.add(e);
                    }
                }
            }
            subscribers.put(sink, caller);
        }
        replay.stream().filter(e -> caller.maySee(e.dataTypes())).forEach(sink::offer);
        return true;
    }

    public void unsubscribe(Sink sink) {
        subscribers.remove(sink);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public int maxSubscribers() {
        return maxSubscribers;
    }

    @Override
    public void statusChanged(ExportStatus status) {
        ExportSummary summary = status.summary();
        synchronized (this) {
            progressed.remove(summary.exportId()); // this newer state replaces a waiting progress event
        }
        publish(summary);
    }

    @Override
    public void progressed(ExportStatus status, Progress progress) {
        if (ExportState.RUNNING.jsonName().equals(status.status())) {
            synchronized (this) {
                progressed.put(status.exportId(), status.summary());
            }
        }
    }

    /** Publishes the latest progress of each export that moved on since the last flush (called once a second). */
    public void flushProgress() {
        List<ExportSummary> due;
        synchronized (this) {
            due = new ArrayList<>(progressed.values());
            progressed.clear();
        }
        due.forEach(this::publish);
    }

    private void publish(ExportSummary summary) {
        String json;
        try {
            json = mapper.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary of " + summary.exportId(), e);
        }
        Event event;
        synchronized (this) {
            event = new Event(nextId++, summary.exportId(), summary.status(), summary.progress().keySet(), json);
            recent.addLast(event);
            if (recent.size() > REPLAY) {
                recent.removeFirst();
            }
        }
        subscribers.forEach((sink, caller) -> {
            if (caller.maySee(event.dataTypes())) {
                sink.offer(event);
            }
        });
    }
}
