package com.exportservice.status;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The status bean ({@code exportStatus}): tracks every export of this process, persists each change in
 * the {@link StateStore} (a data type's checkpoint at most every so often, see the engine's
 * {@code CheckpointSaves}), and answers snapshots. Live exports are
 * held in memory; finished ones are read back from the store. Thread-safe: each export is guarded by
 * its own lock, so concurrent exports do not wait on each other.
 */
public final class StatusTracker {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatusTracker.class);
    private final StateStore store;
    private final Clock clock;
    private final int maxPending;
    private final int maxConcurrent;
    /** Runs in a row during which the process died, after which an export is not resumed again (on the next start). */
    static final int CRASHES_BEFORE_QUARANTINE = 2;
    /** Longest error message kept (UTF-16 units): one line for a person, well inside the store's column. */
    static final int MAX_ERROR_MESSAGE = 1000;
    /** Saves of an export's end tried again after a cut connection: the store pool's smallest size. */
    private static final int SAVES_AFTER_CUT = 4;
    private static final int MAX_WARNING = 500;
    /**
     * For the benchmark only (bench/README.md): with the system property
     * {@code exportservice.bench.skip-checkpoint-saves=true} a batch's checkpoint is not written to the
     * state store (the in-memory status still moves), so a run shows what the saves cost. An export run
     * so cannot be resumed; not a setting of the service.
     */
    private static final boolean SKIP_CHECKPOINT_SAVES = Boolean.getBoolean("exportservice.bench.skip-checkpoint-saves");
    private final Map<String, TrackedExport> live = new ConcurrentHashMap<>();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean shuttingDown;
    /** In a cluster, this node's id; null on a single node (then nothing below about clusters applies). */
    private volatile String node;
    /** Whether this node's lease is still good (its last heartbeat recent enough); always on a single node. */
    private volatile java.util.function.BooleanSupplier leaseHeld = () -> true;
    /** Cluster mode, one-shot command: an export it records is owned by it at once, not claimed by a node. */
    private volatile boolean ownsWhatItRecords;

    public StatusTracker(StateStore store, Clock clock, int maxConcurrent, int maxPending) {
        this.store = store;
        this.clock = clock;
        this.maxConcurrent = maxConcurrent;
        this.maxPending = maxPending;
    }

    /**
     * Cluster mode (docs/cluster.md): exports are started by whichever node claims them ({@link #claim}),
     * not by the node that recorded them, and every save checks this node's ownership.
     *
     * @param nodeId    this node's id, recorded as the owner of the exports it runs
     * @param leaseHeld whether this node's lease is still good: when not, it writes nothing more for any export
     */
    public void joinCluster(String nodeId, java.util.function.BooleanSupplier leaseHeld) {
        joinCluster(nodeId, leaseHeld, true);
    }

    /**
     * As {@link #joinCluster(String, java.util.function.BooleanSupplier)}.
     *
     * @param claimsWork false for the one-shot command: the export it records is its own from the start
     *                   (the cluster takes it over only if the command dies)
     */
    public void joinCluster(String nodeId, java.util.function.BooleanSupplier leaseHeld, boolean claimsWork) {
        this.node = nodeId;
        this.leaseHeld = leaseHeld;
        this.ownsWhatItRecords = !claimsWork;
    }

    public boolean isClustered() {
        return node != null;
    }

    /** Adds a listener told of every change from now on (see {@link StatusListener}). */
    public void addListener(StatusListener listener) {
        listeners.add(listener);
    }

    /**
     * Records a new pending export.
     *
     * @throws TooManyExportsException when {@code exporter.max-pending-exports} exports already wait
     */
    public synchronized ExportStatus create(List<String> dataTypes, String name, String configJson, String trigger,
                                            String scheduleId, Path outputRoot) {
        return create(dataTypes, name, configJson, trigger, scheduleId, outputRoot, Map.of());
    }

    /**
     * Records a new pending export that starts after the given keys (incremental schedules).
     *
     * @param startAfterKeys per data type, the key (text form) above which rows are exported
     */
    public synchronized ExportStatus create(List<String> dataTypes, String name, String configJson, String trigger,
                                            String scheduleId, Path outputRoot, Map<String, String> startAfterKeys) {
        return create(dataTypes, name, configJson, trigger, scheduleId, requestedBy(trigger, scheduleId), outputRoot, startAfterKeys);
    }

    /**
     * Records a new pending export for whoever asked for it.
     *
     * @param requestedBy the token's name or {@code anonymous} (HTTP), else what {@link #requestedBy} gives the trigger
     */
    public synchronized ExportStatus create(List<String> dataTypes, String name, String configJson, String trigger,
                                            String scheduleId, String requestedBy, Path outputRoot,
                                            Map<String, String> startAfterKeys) {
        checkQueueRoom();
        Instant now = clock.instant();
        String id = ExportIds.next(now.toEpochMilli());
        TrackedExport e = new TrackedExport(id, name, trigger, scheduleId, configJson, requestedBy, outputRoot.resolve(id), now);
        if (node != null && ownsWhatItRecords) {
            e.node = node;
        }
        int position = 0;
        for (String t : dataTypes) {
            e.dataTypes.put(t, new TrackedDataType(id, t, position++, startAfterKeys.get(t)));
        }
        try {
            store.insert(e);
        } catch (SQLException ex) {
            throw new StoreException("record export " + id, ex);
        }
        if (node == null || ownsWhatItRecords) {
            live.put(id, e); // in a cluster it goes live on the node that claims it
        }
        ExportStatus created = e.snapshot(now);
        statusChanged(created);
        return created;
    }

    /** The export's current status. */
    public ExportStatus status(String exportId) {
        TrackedExport e = find(exportId);
        synchronized (e) {
            return e.snapshot(clock.instant());
        }
    }

    /**
     * Who asked for an export of a trigger other than HTTP (contract section 9, {@code requested_by}):
     * {@code cli}, {@code inbox}, {@code schedule:<id>}; an HTTP export without a token is {@code anonymous}.
     */
    public static String requestedBy(String trigger, String scheduleId) {
        return switch (trigger) {
            case "cli" -> "cli";
            case "file" -> "inbox";
            case "schedule" -> "schedule:" + scheduleId;
            default -> "anonymous";
        };
    }

    /** Exports newest first, live state where this process runs them. */
    public List<ExportStatus> list(ExportState status, int limit, int offset) {
        return list(status, null, limit, offset);
    }

    /**
     * Exports newest first, only those all of whose data types are among {@code onlyDataTypes} (null: all).
     */
    public List<ExportStatus> list(ExportState status, java.util.Set<String> onlyDataTypes, int limit, int offset) {
        return history(new HistoryFilter(status, onlyDataTypes, null), limit, offset);
    }

    /** Exports newest first that the filter lets through. */
    public List<ExportStatus> history(HistoryFilter filter, int limit, int offset) {
        try {
            List<ExportStatus> out = new ArrayList<>();
            for (TrackedExport stored : store.list(filter, limit, offset)) {
                TrackedExport e = live.getOrDefault(stored.id, stored);
                synchronized (e) {
                    out.add(e.snapshot(clock.instant()));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new StoreException("list exports", ex);
        }
    }

    public long count(ExportState status) {
        return count(status, null);
    }

    /** How many exports {@link #list(ExportState, java.util.Set, int, int)} would list without a limit. */
    public long count(ExportState status, java.util.Set<String> onlyDataTypes) {
        return historyCount(new HistoryFilter(status, onlyDataTypes, null));
    }

    /** How many exports {@link #history(HistoryFilter, int, int)} would list without a limit. */
    public long historyCount(HistoryFilter filter) {
        try {
            return store.count(filter);
        } catch (SQLException ex) {
            throw new StoreException("count exports", ex);
        }
    }

    /** The request as stored (JSON), for resuming and for the API's {@code config}. */
    public String configJson(String exportId) {
        return find(exportId).configJson;
    }

    public Path directory(String exportId) {
        return find(exportId).directory;
    }

    public String trigger(String exportId) {
        return find(exportId).trigger;
    }

    public String scheduleId(String exportId) {
        return find(exportId).scheduleId;
    }

    /** Per data type checkpoints, in request order. */
    public List<DataTypeCheckpoint> checkpoints(String exportId) {
        TrackedExport e = find(exportId);
        synchronized (e) {
            List<DataTypeCheckpoint> out = new ArrayList<>();
            for (TrackedDataType t : e.dataTypes.values()) {
                out.add(t.toCheckpoint());
            }
            return out;
        }
    }

    /**
     * Marks a pending export running. Returns false when it must not run (cancelled while waiting, or
     * already finished), so the engine drops it.
     */
    public boolean start(String exportId) {
        TrackedExport e = owned(exportId);
        boolean cancelWhilePending;
        synchronized (e) {
            cancelWhilePending = e.status == ExportState.PENDING && e.cancelRequested;
        }
        if (cancelWhilePending) {
            // cluster mode: a cancel asked for on another node after this node claimed it
            finish(exportId, ExportState.CANCELLED, null);
            return false;
        }
        ExportStatus started;
        synchronized (e) {
            if (e.status != ExportState.PENDING) {
                return false;
            }
            checkOwned(e);
            Instant now = clock.instant();
            Instant startTime = e.startTime;
            String errorMessage = e.errorMessage;
            e.status = ExportState.RUNNING;
            if (e.startTime == null) {
                e.startTime = now;
            }
            e.endTime = null;
            e.errorMessage = null;
            e.openRuns++;
            try {
                save(e, null);
            } catch (StoreException ex) {
                // not recorded: the export is still pending, so a redelivered start takes it up again
                e.status = ExportState.PENDING;
                e.startTime = startTime;
                e.errorMessage = errorMessage;
                e.openRuns--;
                throw ex;
            }
            e.rate.restart(now);
            recordAttemptStart(e, now);
            started = e.snapshot(now);
        }
        statusChanged(started);
        return true;
    }

    /** Records the plan of a data type: rows to export, batches, high-water mark. */
    public void planned(String exportId, String dataType, long totalRecords, long totalBatches, String highWaterMark) {
        update(exportId, dataType, t -> {
            t.planned = true;
            t.totalRecords = totalRecords;
            t.totalBatches = totalBatches;
            t.highWaterMark = highWaterMark;
        });
    }

    public void dataTypeStarted(String exportId, String dataType) {
        Instant started = clock.instant();
        update(exportId, dataType, t -> {
            t.status = ExportState.RUNNING;
            if (t.startTime == null) {
                t.startTime = started;
            }
        });
        TrackedExport e = find(exportId);
        synchronized (e) {
            e.rate.resume(clock.instant());
            dataType(e, dataType).lastCommit = clock.instant();
        }
    }

    /**
     * Persists the checkpoint of a written batch; the returned receipt is what the commit step applies.
     * The status shows the checkpoint only once the store holds it: when saving fails nothing changes,
     * and the batch is written again from the previous checkpoint. The batches it adds count as one whose
     * duration is the time since the data type's last save (or its opening).
     *
     * @throws StoreException when the store cannot save it
     */
    public PersistedCheckpoint persist(BatchCheckpoint checkpoint) {
        return persist(checkpoint, null);
    }

    /**
     * Persists a data type's checkpoint, which may cover several batches committed since its last save
     * (the engine saves at most every {@code CheckpointSaves.INTERVAL}); the status, the rate and the
     * listeners move by all of them at once, and only once the store holds it.
     *
     * @param batchDurations how long each batch it adds took, as the engine timed them (for the batch-duration
     *                       metric), or null: the time since the data type's last save, as one batch
     * @throws StoreException when the store cannot save it
     */
    public PersistedCheckpoint persist(BatchCheckpoint checkpoint, List<java.time.Duration> batchDurations) {
        TrackedExport e = owned(checkpoint.exportId());
        ExportStatus after;
        Progress progress;
        synchronized (e) {
            TrackedDataType t = dataType(e, checkpoint.dataType());
            try {
                checkOwned(e);
                if (!SKIP_CHECKPOINT_SAVES) {
                    store.saveCheckpoint(checkpoint, e.epoch, node != null);
                }
            } catch (SQLException ex) {
                throw new StoreException("save the checkpoint of " + checkpoint.dataType() + " of export " + e.id, ex);
            }
            Instant now = clock.instant();
            List<java.time.Duration> durations = batchDurations != null ? batchDurations
                    : t.lastCommit == null ? List.of() : List.of(java.time.Duration.between(t.lastCommit, now));
            // increments against the checkpoint persisted before: a batch saved twice (redelivered) adds nothing again
            progress = Progress.between(t.checkpoint, checkpoint, durations);
            e.rate.add(Math.max(0, checkpoint.processed() - t.checkpoint.processed()), now);
            t.lastCommit = now;
            t.checkpoint = checkpoint;
            after = e.snapshot(now);
        }
        progressed(after, progress);
        return new PersistedCheckpoint(checkpoint);
    }

    /** The data type's file is complete (under its temporary name until the export completes). */
    public void dataTypeCompleted(String exportId, String dataType, String fileName, long bytes, String sha256) {
        TrackedExport e = owned(exportId);
        ExportStatus after;
        Progress footer;
        synchronized (e) {
            checkOwned(e);
            TrackedDataType t = dataType(e, dataType);
            BatchCheckpoint before = t.checkpoint;
            t.status = ExportState.COMPLETED;
            t.endTime = clock.instant();
            t.fileName = fileName;
            t.checkpoint = t.checkpoint.withFileBytes(bytes);
            t.sha256 = sha256;
            save(e, t);
            footer = Progress.between(before, t.checkpoint, List.of());
            after = e.snapshot(clock.instant());
        }
        progressed(after, footer);
    }

    /**
     * A running export stopped at a batch boundary because the service is stopping: it stays {@code running}
     * in the store (the next start resumes it), and this run counts as ended cleanly, not as a crash.
     */
    public void suspended(String exportId) {
        TrackedExport e = owned(exportId);
        synchronized (e) {
            e.openRuns = 0;
            if (node != null) {
                e.node = null; // another node takes it over at once, without waiting for the lease
            }
            saveExport(e);
            if (node != null) {
                live.remove(exportId);
            }
        }
    }

    /**
     * Records what the service changed about an export and why (one line each), shown in its status as
     * {@code warnings}; replaces the earlier ones.
     */
    public void warn(String exportId, List<String> warnings) {
        TrackedExport e = owned(exportId);
        synchronized (e) {
            List<String> lines = warnings.stream().map(w -> StoredText.fit(w, MAX_WARNING)).toList();
            if (!lines.equals(e.warnings)) {
                e.warnings = lines;
                saveExport(e);
            }
        }
    }

    public void completed(String exportId) {
        finish(exportId, ExportState.COMPLETED, null);
    }

    public void failed(String exportId, String message) {
        finish(exportId, ExportState.FAILED, message);
    }

    public void cancelled(String exportId) {
        finish(exportId, ExportState.CANCELLED, null);
    }

    /**
     * Whether a cancel was asked for; the engine checks it at each batch boundary. Reads the volatile flag
     * without the export's lock, which a checkpoint save holds across the store's {@code UPDATE}.
     */
    public boolean isCancelRequested(String exportId) {
        TrackedExport e = live.get(exportId);
        return e != null && e.cancelRequested;
    }

    /**
     * Asks an export to stop: a pending one is cancelled at once, a running one at its next batch boundary.
     *
     * @throws ExportConflictException when the export already finished
     */
    public ExportStatus requestCancel(String exportId) {
        TrackedExport e = find(exportId);
        ExportStatus cancelled;
        synchronized (e) {
            if (e.status.isFinished()) {
                throw new ExportConflictException("export " + exportId + " is already " + e.status.jsonName());
            }
            if (node != null) {
                // whichever node runs or claims it reads the flag (with its heartbeat, or as it claims it)
                try {
                    store.requestCancel(exportId, true);
                } catch (SQLException ex) {
                    throw new StoreException("ask for the cancel of export " + exportId, ex);
                }
            }
            if (e.status != ExportState.PENDING || (node != null && e.node != null)) {
                e.cancelRequested = true;
                return e.snapshot(clock.instant());
            }
            e.status = ExportState.CANCELLED;
            e.endTime = clock.instant();
            markUnfinishedTypes(e, ExportState.CANCELLED);
            try {
                saveAll(e);
            } catch (StoreException | OwnershipLostException ex) {
                e.status = ExportState.PENDING;
                e.endTime = null;
                markUnfinishedTypes(e, ExportState.PENDING);
                if (ex instanceof OwnershipLostException) {
                    // claimed meanwhile by a node: it cancels it as it starts, from the flag
                    e.cancelRequested = true;
                    return e.snapshot(clock.instant());
                }
                throw ex;
            }
            live.remove(exportId);
            cancelled = e.snapshot(clock.instant());
        }
        statusChanged(cancelled);
        return cancelled;
    }

    /**
     * Makes a failed or cancelled export pending again; it continues from its checkpoints.
     *
     * @throws ExportConflictException when the export is not failed or cancelled
     */
    public synchronized ExportStatus requestRetry(String exportId) {
        TrackedExport e = find(exportId);
        ExportStatus retried;
        synchronized (e) {
            if (e.status != ExportState.FAILED && e.status != ExportState.CANCELLED) {
                throw new ExportConflictException("export " + exportId + " is " + e.status.jsonName()
                        + "; only failed or cancelled exports can be retried");
            }
            if (e.expiredTime != null) {
                throw new ExportConflictException("export " + exportId + " expired: the retention policy deleted its files; "
                        + "start a new export instead");
            }
            checkQueueRoom();
            ExportState before = e.status;
            Instant endTime = e.endTime;
            String errorMessage = e.errorMessage;
            int openRuns = e.openRuns;
            e.status = ExportState.PENDING;
            e.endTime = null;
            e.errorMessage = null;
            e.cancelRequested = false;
            // asked for by a person: a quarantined export gets its runs again
            e.openRuns = 0;
            e.attempts++;
            String owner = e.node;
            if (node != null) {
                e.node = null; // any node with a free slot claims it
            }
            e.nextAttemptKind = "retry";
            markUnfinishedTypes(e, ExportState.PENDING);
            try {
                saveAll(e);
                if (node != null) {
                    store.requestCancel(exportId, false);
                }
            } catch (SQLException ex) {
                throw new StoreException("retry export " + exportId, ex);
            } catch (StoreException | OwnershipLostException ex) {
                e.node = owner;
                e.status = before;
                e.endTime = endTime;
                e.errorMessage = errorMessage;
                e.openRuns = openRuns;
                e.attempts--;
                markUnfinishedTypes(e, before);
                if (ex instanceof OwnershipLostException) {
                    throw new ExportConflictException("export " + exportId + " changed meanwhile (on another node); ask again");
                }
                throw ex;
            }
            if (node == null) {
                live.put(exportId, e);
            }
            retried = e.snapshot(clock.instant());
        }
        statusChanged(retried);
        return retried;
    }

    /**
     * Takes up the exports a restart interrupted: running ones become pending again (they continue from
     * their checkpoints). Returns their ids, oldest first, for the engine to queue.
     */
    public List<String> recoverUnfinished() {
        try {
            List<String> ids = new ArrayList<>();
            for (TrackedExport e : store.unfinished()) {
                if (takeUp(e)) {
                    ids.add(e.id);
                }
            }
            return ids;
        } catch (SQLException ex) {
            throw new StoreException("recover unfinished exports", ex);
        }
    }

    /**
     * Takes up an unfinished export this process is to run (after a restart, or claimed in a cluster): a
     * running one becomes pending again and continues from its checkpoints (attempts + 1); one during whose
     * last runs the process died each time is quarantined instead. Returns whether it is to be queued.
     */
    private boolean takeUp(TrackedExport e) {
        if (e.openRuns >= CRASHES_BEFORE_QUARANTINE) {
            quarantine(e);
            return false;
        }
        if (e.status == ExportState.RUNNING) {
            recordAttemptEnd(e, "interrupted", null);
            e.attempts++; // a resumption: it continues from its checkpoints
            e.nextAttemptKind = "resume";
        }
        e.status = ExportState.PENDING;
        markUnfinishedTypes(e, ExportState.PENDING);
        saveAll(e);
        live.put(e.id, e);
        statusChanged(e.snapshot(clock.instant()));
        return true;
    }

    /**
     * Cluster mode: claims up to {@code slots} exports that wait or whose node fell silent for {@code lease}
     * (their epochs moved on, so their former owners save nothing more), and takes each up as after a restart.
     * A claimed export whose cancel was asked for ends {@code cancelled} here without running.
     *
     * @return the ids to queue on this node, oldest first
     */
    public List<String> claim(int slots, java.time.Duration lease) {
        if (node == null || slots <= 0) {
            return List.of();
        }
        try {
            List<String> ids = new ArrayList<>();
            for (String id : store.claim(node, lease.toMillis(), slots)) {
                TrackedExport e = store.load(id);
                if (e == null) {
                    continue;
                }
                if (e.cancelRequested) {
                    live.put(id, e);
                    finish(id, ExportState.CANCELLED, null);
                } else if (takeUp(e)) {
                    ids.add(id);
                }
            }
            return ids;
        } catch (SQLException ex) {
            throw new StoreException("claim exports", ex);
        }
    }

    /**
     * Cluster mode, at each heartbeat: what the store says this node owns. An export running here that the
     * store no longer gives to this node was taken over: it is marked lost and stops before writing more; a
     * cancel asked for on another node reaches the export here; an export the store gives to this node but
     * that does not run here (its run ended without a word to the store) is released for any node to claim.
     */
    public void syncOwnership() {
        if (node == null) {
            return;
        }
        try {
            Map<String, Boolean> owned = store.owned(node);
            for (TrackedExport e : live.values()) {
                synchronized (e) {
                    Boolean cancel = owned.get(e.id);
                    if (cancel == null) {
                        e.lost = true;
                    } else if (cancel) {
                        e.cancelRequested = true;
                    }
                }
            }
            List<String> notRunHere = owned.keySet().stream().filter(id -> !live.containsKey(id)).toList();
            store.releaseAll(node, notRunHere);
        } catch (SQLException ex) {
            throw new StoreException("read this node's exports", ex);
        }
    }

    /**
     * Whether this node may still write for the export: it has not been taken over, and (in a cluster) this
     * node's lease is good. Checked before any byte of a batch is written, before each checkpoint and
     * before finishing.
     *
     * @throws OwnershipLostException when not
     */
    public void checkOwned(String exportId) {
        TrackedExport e = live.get(exportId);
        if (e == null) {
            throw new OwnershipLostException("export " + exportId + " does not run on this node");
        }
        checkOwned(e); // volatile flag and lease: no lock, so a save under way does not hold the batch up
    }

    private void checkOwned(TrackedExport e) {
        if (e.lost) {
            throw new OwnershipLostException("export " + e.id + " was taken over by another node");
        }
        if (!leaseHeld.getAsBoolean()) {
            e.lost = true;
            throw new OwnershipLostException("this node's lease ran out (no heartbeat reached the store in time); export "
                    + e.id + " is another node's now");
        }
    }

    /**
     * The export stopped on this node because another node took it over (or this node's lease ran out):
     * nothing more is saved for it here; if the store still gives it to this node, it is released so that a
     * node claims it at once.
     */
    public void lost(String exportId) {
        TrackedExport e = live.remove(exportId);
        if (e == null) {
            return;
        }
        LOG.warn("export {}: this node lost it (taken over by another node, or its lease ran out); it writes nothing more for it",
                exportId);
        try {
            store.release(exportId, e.epoch);
        } catch (SQLException ex) {
            LOG.debug("export {}: cannot release it ({}); the next heartbeat does", exportId, ex.getMessage());
        }
    }

    /** The ownership epoch this node runs the export with (its files are tagged with it in a cluster). */
    public long epoch(String exportId) {
        TrackedExport e = find(exportId);
        synchronized (e) {
            return e.epoch;
        }
    }

    /** The running exports of each node, as the store has them (cluster mode). */
    public Map<String, List<String>> runningByNode() {
        try {
            return store.runningByNode();
        } catch (SQLException ex) {
            throw new StoreException("read the running exports", ex);
        }
    }

    /** Ids of the exports running in this process. */
    public List<String> runningHere() {
        List<String> ids = new ArrayList<>();
        for (TrackedExport e : live.values()) {
            synchronized (e) {
                if (e.status == ExportState.RUNNING) {
                    ids.add(e.id);
                }
            }
        }
        return ids;
    }

    /**
     * Cluster mode: this node was silent for longer than its lease (paused, cut off from the store), so
     * other nodes may have taken its exports: each stops before writing more; those no one took are
     * released and claimed again.
     */
    public void loseAll() {
        for (TrackedExport e : live.values()) {
            synchronized (e) {
                e.lost = true;
            }
        }
    }

    /** This node's id, or null on a single node. */
    public String node() {
        return node;
    }

    /** The exports that changed after {@code sinceMs} (cluster mode: other nodes' events), at most {@code limit}. */
    public List<ExportChange> changedSince(long sinceMs, int limit) {
        try {
            return store.changedSince(sinceMs, limit);
        } catch (SQLException ex) {
            throw new StoreException("read changed exports", ex);
        }
    }

    /**
     * Ends an export during whose last runs the process died each time (out of memory, killed), instead
     * of resuming it into the same end again: it fails with a message saying so, and a retry runs it again.
     */
    private void quarantine(TrackedExport e) {
        e.status = ExportState.FAILED;
        e.endTime = clock.instant();
        e.errorMessage = "not resumed: the service stopped unexpectedly (out of memory, killed) during each of the last "
                + e.openRuns + " runs of this export; find the cause (e.g. a smaller batch_size, more memory), then retry it";
        e.openRuns = 0;
        markUnfinishedTypes(e, ExportState.FAILED);
        saveAll(e);
        recordAttemptEnd(e, "interrupted", null);
        LOG.error("export {} quarantined: {}", e.id, e.errorMessage);
        statusChanged(e.snapshot(clock.instant()));
    }

    /** Finished exports whose directories the retention policy may delete: ended before {@code cutoff}, not expired yet. */
    public List<String> expirable(Instant cutoff, int limit) {
        try {
            return store.expirable(cutoff, limit);
        } catch (SQLException ex) {
            throw new StoreException("list expired exports", ex);
        }
    }

    /**
     * Marks a finished export expired, before the retention policy deletes its directory: its record stays.
     * Synchronized with {@link #requestRetry} (on this tracker), so an export is either retried or expired.
     *
     * @throws ExportConflictException when the export is not finished (retried meanwhile)
     */
    public synchronized void expired(String exportId) {
        TrackedExport e = find(exportId);
        ExportStatus expired;
        synchronized (e) {
            if (!e.status.isFinished()) {
                throw new ExportConflictException("export " + exportId + " is " + e.status.jsonName() + "; only finished exports expire");
            }
            e.expiredTime = clock.instant();
            saveExport(e);
            expired = e.snapshot(clock.instant());
        }
        statusChanged(expired);
    }

    /**
     * Refuses a new export when {@code max-pending-exports} already wait. Waiting means pending with no
     * free slot: an export that will start at once (fewer than max-concurrent running) does not count.
     */
    private synchronized void checkQueueRoom() {
        if (node != null) {
            // in a cluster the queue is the store's: every pending export, whichever node recorded it
            if (count(ExportState.PENDING) >= maxPending) {
                throw new TooManyExportsException(maxPending);
            }
            return;
        }
        long pending = 0;
        long running = 0;
        for (TrackedExport e : live.values()) {
            if (e.status == ExportState.PENDING) {
                pending++;
            } else if (e.status == ExportState.RUNNING) {
                running++;
            }
        }
        long waiting = pending - Math.max(0, maxConcurrent - running);
        if (waiting >= maxPending) {
            throw new TooManyExportsException(maxPending);
        }
    }

    /**
     * The service is stopping: running exports stop at their next batch boundary and stay {@code running}
     * in the store, so the next start resumes them from their checkpoints.
     */
    public void shutDown() {
        shuttingDown = true;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    public boolean isStoreReachable() {
        return store.isReachable();
    }

    /**
     * Ends an export. The message is cut to fit the store; when the whole state cannot be saved, the export's
     * own row is saved with a short message instead, so a failure that cannot be recorded in full never
     * leaves an export {@code running} to be resumed at every start.
     */
    private void finish(String exportId, ExportState state, String message) {
        TrackedExport e = owned(exportId);
        ExportStatus finished;
        synchronized (e) {
            checkOwned(e);
            ExportState before = e.status;
            int openRuns = e.openRuns;
            e.status = state;
            e.errorMessage = StoredText.fit(message, MAX_ERROR_MESSAGE);
            e.endTime = clock.instant();
            e.cancelRequested = false;
            e.openRuns = 0;
            markUnfinishedTypes(e, state == ExportState.COMPLETED ? ExportState.COMPLETED : state);
            try {
                saveAll(e);
            } catch (StoreException full) {
                if (state == ExportState.COMPLETED) {
                    // not completed until the store says so: the step is redelivered, or the export fails
                    e.status = before;
                    e.endTime = null;
                    e.openRuns = openRuns;
                    throw full;
                }
                StoreException last = savedAgainAfterCut(e, full);
                if (last != null) {
                    LOG.error("export {}: cannot record its end ({}) in full: {}", exportId, state.jsonName(), last.getMessage());
                    e.errorMessage = state == ExportState.FAILED ? "export failed; the cause could not be recorded, see the service log" : null;
                    saveExport(e);
                }
            }
            live.remove(exportId);
            recordAttemptEnd(e, state.jsonName(), e.endTime);
            finished = e.snapshot(clock.instant());
        }
        statusChanged(finished);
    }

    /**
     * The runs of an export, first first; the running one with its time so far. An export recorded before
     * attempts were kept shows as one attempt made of its own times.
     */
    public List<ExportAttempt> attempts(String exportId) {
        TrackedExport e = find(exportId);
        List<ExportAttempt> stored;
        try {
            stored = store.attempts(exportId);
        } catch (SQLException ex) {
            throw new StoreException("read the attempts of export " + exportId, ex);
        }
        Instant now = clock.instant();
        synchronized (e) {
            if (stored.isEmpty()) {
                if (e.startTime == null) {
                    return List.of();
                }
                ExportStatus s = e.snapshot(now);
                return List.of(new ExportAttempt(e.attempts, e.attempts == 1 ? "start" : "retry", s.status(), s.startTime(),
                        s.endTime(), s.elapsedSeconds(), s.processedRecords(), s.errorMessage()));
            }
            List<ExportAttempt> out = new ArrayList<>(stored.size());
            for (ExportAttempt a : stored) {
                boolean current = "running".equals(a.status()) && a.attempt() == e.attempts && e.status == ExportState.RUNNING;
                out.add(current ? new ExportAttempt(a.attempt(), a.kind(), a.status(), a.startTime(), null,
                        StateStore.seconds(Instant.parse(a.startTime()), now), e.processed(), null) : a);
            }
            return out;
        }
    }

    /** The attempt list is for people: a store that cannot record it leaves the export itself alone. */
    private void recordAttemptStart(TrackedExport e, Instant now) {
        try {
            store.attemptStarted(e.id, e.attempts, e.attempts == 1 ? "start" : e.nextAttemptKind, now, e.processed());
        } catch (SQLException ex) {
            LOG.warn("export {}: cannot record the start of attempt {}: {}", e.id, e.attempts, ex.getMessage());
        }
    }

    private void recordAttemptEnd(TrackedExport e, String status, Instant end) {
        try {
            store.attemptEnded(e.id, e.attempts, status, end, e.processed(), e.errorMessage);
        } catch (SQLException ex) {
            LOG.warn("export {}: cannot record the end of attempt {}: {}", e.id, e.attempts, ex.getMessage());
        }
    }

    /** How many exports this process holds in a state (pending: waiting in its queue; running: running here). */
    public int liveCount(ExportState state) {
        int n = 0;
        for (TrackedExport e : live.values()) {
            synchronized (e) {
                if (e.status == state) {
                    n++;
                }
            }
        }
        return n;
    }

    private void statusChanged(ExportStatus s) {
        for (StatusListener l : listeners) {
            try {
                l.statusChanged(s);
            } catch (RuntimeException ex) {
                LOG.warn("a status listener failed on export {}: {}", s.exportId(), ex.toString());
            }
        }
    }

    private void progressed(ExportStatus s, Progress p) {
        for (StatusListener l : listeners) {
            try {
                l.progressed(s, p);
            } catch (RuntimeException ex) {
                LOG.warn("a status listener failed on export {}: {}", s.exportId(), ex.toString());
            }
        }
    }

    private static void markUnfinishedTypes(TrackedExport e, ExportState state) {
        for (TrackedDataType t : e.dataTypes.values()) {
            if (t.status != ExportState.COMPLETED) {
                t.status = state;
            }
        }
    }

    private void update(String exportId, String dataType, java.util.function.Consumer<TrackedDataType> change) {
        TrackedExport e = owned(exportId);
        synchronized (e) {
            checkOwned(e);
            TrackedDataType t = dataType(e, dataType);
            change.accept(t);
            save(e, t);
        }
    }

    private static TrackedDataType dataType(TrackedExport e, String dataType) {
        TrackedDataType t = e.dataTypes.get(dataType);
        if (t == null) {
            throw new IllegalArgumentException("export " + e.id + " has no data type " + dataType);
        }
        return t;
    }

    /**
     * The export as the one running it sees it. In a cluster only an export live on this node: a node that
     * lost it (no longer live here) must not read the new owner's epoch back from the store and write with it.
     */
    private TrackedExport owned(String exportId) {
        TrackedExport e = live.get(exportId);
        if (e == null && node != null) {
            throw new OwnershipLostException("export " + exportId + " does not run on this node");
        }
        return e != null ? e : find(exportId);
    }

    private TrackedExport find(String exportId) {
        TrackedExport e = live.get(exportId);
        if (e != null) {
            return e;
        }
        if (!ExportIds.isValid(exportId)) {
            throw new ExportNotFoundException(exportId);
        }
        try {
            e = store.load(exportId);
        } catch (SQLException ex) {
            throw new StoreException("read export " + exportId, ex);
        }
        if (e == null) {
            throw new ExportNotFoundException(exportId);
        }
        return e;
    }

    private void save(TrackedExport e, TrackedDataType t) {
        try {
            store.save(e, t);
        } catch (SQLException ex) {
            throw new StoreException("save export " + e.id, ex);
        }
    }

    private void saveExport(TrackedExport e) {
        try {
            store.saveExportOnly(e);
        } catch (SQLException ex) {
            throw new StoreException("save export " + e.id, ex);
        }
    }

    /**
     * After the store's connections were cut (a server restart), the pool hands out one dead connection per
     * connection it held, each failing one save: the end of an export is saved again, on the next connection,
     * a few times, so the failure's cause is recorded rather than lost. A store that cannot be reached at all
     * (no connection, the pool's timeout spent) is not tried again. Returns null once saved, else the last failure.
     */
    private StoreException savedAgainAfterCut(TrackedExport e, StoreException first) {
        StoreException last = first;
        for (int i = 0; i < SAVES_AFTER_CUT && connectionCut(last); i++) {
            try {
                saveAll(e);
                return null;
            } catch (StoreException again) {
                last = again;
            }
        }
        return last;
    }

    /** A connection the store had was lost (SQL state class 08 from the driver), not "no connection to be had". */
    static boolean connectionCut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return false;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private void saveAll(TrackedExport e) {
        try {
            store.saveAll(e);
        } catch (SQLException ex) {
            throw new StoreException("save export " + e.id, ex);
        }
    }
}
