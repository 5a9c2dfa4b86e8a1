package com.exportservice.cluster;

import com.exportservice.config.ClusterSettings;
import com.exportservice.status.ExportChange;
import com.exportservice.status.ExportState;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.StatusListener;
import com.exportservice.status.StatusTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * This node in cluster mode ({@code clusterNode}, docs/cluster.md). The route {@code cluster-heartbeat}
 * calls {@link #tick} every {@link ClusterSettings#tick()}: renew the heartbeat, learn from the store which
 * exports are still this node's (and which were asked to cancel), claim waiting or orphaned exports for
 * the free slots, and pass other nodes' changes on to this node's event stream.
 * <p>
 * The lease: a node that could not renew its heartbeat for 0.9 × {@code exporter.cluster.lease} (by its
 * own monotonic clock, counted from when it sent the last heartbeat that reached the store) writes
 * nothing more for any export; the other nodes take its exports after the full lease by the store's clock.
 */
public final class ClusterNode implements StatusListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    /** Other nodes' changes are looked for this far back (their clocks may differ a little from this node's). */
    private static final long CHANGE_WINDOW_MS = 10_000;
    private static final int MAX_CHANGES = 500;

    private final ClusterSettings settings;
    private final NodeRegistry registry;
    private final StatusTracker status;
    private final int maxConcurrent;
    private final StatusListener events;
    private volatile Consumer<String> queue = id -> { };
    /** Claims a partition for this node's partition worker when it is free (docs/cluster.md). */
    private volatile Runnable partitionClaims = () -> { };
    /** When the last heartbeat that reached the store was sent (System.nanoTime), 0 before the first. */
    private volatile long heartbeatSentNanos;
    private volatile boolean storeProblemLogged;
    private volatile boolean claimsWork = true;
    /** The last status and change time of each export seen (here or from the store), so each change is told once. */
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(String status, long updatedMs) {
    }

    public ClusterNode(ClusterSettings settings, NodeRegistry registry, StatusTracker status, int maxConcurrent, StatusListener events) {
        this.settings = settings;
        this.registry = registry;
        this.status = status;
        this.maxConcurrent = maxConcurrent;
        this.events = events;
    }

    /**
     * Enters the cluster: this node's row in the store, and the status bean told to work as a cluster member.
     *
     * @param claimsWork false for the one-shot command: it claims nothing, and owns the export it records
     */
    public void join(boolean claimsWork) throws SQLException {
        this.claimsWork = claimsWork;
        long sent = System.nanoTime();
        registry.register(settings.nodeId(), settings.lease());
        heartbeatSentNanos = sent;
        status.joinCluster(settings.nodeId(), this::leaseHeld, claimsWork);
        status.addListener(this);
        LOG.info("cluster node {} joined (lease {})", settings.nodeId(), settings.lease());
    }

    /** Where claimed exports go: the engine's queue. */
    public void connect(Consumer<String> queue) {
        this.queue = queue;
    }

    /** How this node's partition worker claims partitions of large data types, at each beat. */
    public void connectPartitions(Runnable claims) {
        this.partitionClaims = claims;
    }

    /** Whether this node may still write: its last heartbeat that reached the store was sent less than 0.9 × lease ago. */
    public boolean leaseHeld() {
        long sent = heartbeatSentNanos;
        return sent != 0 && System.nanoTime() - sent < settings.lease().toNanos() / 10 * 9;
    }

    /** One beat: heartbeat, ownership, claims, other nodes' events. A store problem is logged once and waited out. */
    public synchronized void tick() {
        try {
            if (!leaseHeld()) {
                // silent for longer than the lease (paused, cut off): another node may have our exports now
                status.loseAll();
            }
            long sent = System.nanoTime();
            registry.heartbeat(settings.nodeId());
            heartbeatSentNanos = sent;
            status.syncOwnership();
            claim();
            if (claimsWork && leaseHeld() && !status.isShuttingDown()) {
                partitionClaims.run();
            }
            if (claimsWork) {
                passOnChanges();
            }
            if (storeProblemLogged) {
                LOG.info("cluster node {}: the store answers again", settings.nodeId());
                storeProblemLogged = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!storeProblemLogged) {
                LOG.warn("cluster node {}: its beat failed ({}); retrying every {} ms", settings.nodeId(), e.getMessage(),
                        settings.tick().toMillis());
                storeProblemLogged = true;
            }
        }
    }

    /** Claims exports for this node's free slots now (after a submission here, so it need not wait for the next beat). */
    public synchronized void claimNow() {
        try {
            claim();
        } catch (RuntimeException e) {
            LOG.debug("claim after a submission failed; the next beat claims: {}", e.getMessage());
        }
    }

    private void claim() {
        if (!claimsWork || !leaseHeld() || status.isShuttingDown()) {
            return;
        }
        int free = maxConcurrent - status.liveCount(ExportState.RUNNING) - status.liveCount(ExportState.PENDING);
        // one export per beat (and per submission here): nodes with free slots share a burst of exports
        for (String id : status.claim(Math.min(free, 1), settings.lease())) {
            LOG.info("cluster node {} claimed export {}", settings.nodeId(), id);
            queue.accept(id);
        }
    }

    /** Changes made on other nodes reach this node's event stream (its own reach it directly, as listener). */
    private void passOnChanges() {
        List<ExportChange> changes = status.changedSince(System.currentTimeMillis() - CHANGE_WINDOW_MS, MAX_CHANGES);
        Map<String, Seen> window = new HashMap<>();
        for (ExportChange c : changes) {
            Seen before;
            synchronized (seen) {
                before = seen.get(c.exportId());
            }
            window.put(c.exportId(), before == null ? new Seen(c.status(), c.updatedMs()) : before);
            if (settings.nodeId().equals(c.node()) || (before != null && before.updatedMs() >= c.updatedMs())) {
                continue;
            }
            ExportStatus s;
            try {
                s = status.status(c.exportId());
            } catch (RuntimeException e) {
                continue;
            }
            if (before == null || !before.status().equals(s.status())) {
                events.statusChanged(s);
            } else {
                events.progressed(s, null);
            }
            window.put(c.exportId(), new Seen(s.status(), c.updatedMs()));
        }
        synchronized (seen) {
            seen.clear();
            seen.putAll(window);
        }
    }

    /** A change made on this node: remembered, so that reading it back from the store tells it no second time. */
    @Override
    public void statusChanged(ExportStatus s) {
        synchronized (seen) {
            seen.put(s.exportId(), new Seen(s.status(), System.currentTimeMillis()));
        }
    }

    /** Leaves the cluster on a clean stop: the row goes, so its exports (released at their batch boundary) are claimed at once. */
    public void leave() {
        try {
            registry.deregister(settings.nodeId());
        } catch (SQLException | RuntimeException e) {
            LOG.debug("cluster node {}: cannot deregister ({}); its lease runs out instead", settings.nodeId(), e.getMessage());
        }
    }

    /** GET /api/cluster: the live nodes, each with its last heartbeat and running exports. */
    public List<NodeStatus> nodes() throws SQLException {
        Map<String, List<String>> running = status.runningByNode();
        return registry.live(settings.lease()).stream()
                .map(n -> new NodeStatus(n.nodeId(), com.exportservice.time.Timestamps.formatMillis(n.heartbeatMs()),
                        running.getOrDefault(n.nodeId(), List.of())))
                .toList();
    }

    public Duration tickInterval() {
        return settings.tick();
    }
}
