package com.exportservice.status;

import com.exportservice.validation.ValidationStats;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's own state in its store database (embedded H2 or PostgreSQL): exports, their data types
 * with the checkpoint of each, and schedule state. Times are stored as epoch milliseconds so no
 * database time zone can shift them. All SQL of the store lives here.
 */
public final class StateStore {
    private static final String EXPORT_COLUMNS =
            "export_id, name, trigger_type, schedule_id, config_json, directory, created_ms, status, start_ms, end_ms, error_message, "
                    + "requested_by, attempts, open_runs, warnings, expired_ms, owner_node, epoch, cancel_requested";
    private static final String TYPE_COLUMNS =
            "export_id, data_type, position, start_after_key, status, planned, total_records, total_batches, high_water_mark, last_key, "
                    + "records, invalid_records, skipped_records, processed_records, batches, bytes, file_name, sha256, validation_json, start_ms, end_ms";

    /** Room for 200 characters of any kind in UTF-16 units (contract: a name is at most 200 characters). */
    static final int NAME_UNITS = 400;
    /** Room for the warnings of an export (a few one-line messages). */
    static final int WARNINGS_UNITS = 2000;
    /** Room for an error message; {@link StatusTracker} cuts longer ones. */
    static final int ERROR_MESSAGE_UNITS = 4000;

    private final DataSource dataSource;

    public StateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the tables when missing, and adds what later versions added to a store an older one made. */
    public void init() throws SQLException {
        StoreSchema.create(dataSource, (c, s) -> {
            s.execute("CREATE TABLE IF NOT EXISTS export_runs (export_id VARCHAR(64) PRIMARY KEY, name VARCHAR(" + NAME_UNITS + "), "
                    + "trigger_type VARCHAR(16) NOT NULL, schedule_id VARCHAR(200), config_json VARCHAR(2000000) NOT NULL, "
                    + "directory VARCHAR(4000) NOT NULL, created_ms BIGINT NOT NULL, status VARCHAR(16) NOT NULL, "
                    + "start_ms BIGINT, end_ms BIGINT, error_message VARCHAR(4000), requested_by VARCHAR(300), attempts INT)");
            // requested_by came with access control; before it every HTTP export was anonymous, so the trigger tells
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS requested_by VARCHAR(300)");
            s.execute("UPDATE export_runs SET requested_by = CASE trigger_type WHEN 'cli' THEN 'cli' WHEN 'file' THEN 'inbox' "
                    + "WHEN 'schedule' THEN 'schedule:' || schedule_id ELSE 'anonymous' END WHERE requested_by IS NULL");
            // attempts came with the ETA: an export of an older version counts as tried once
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS attempts INT");
            s.execute("UPDATE export_runs SET attempts = 1 WHERE attempts IS NULL");
            s.execute("CREATE INDEX IF NOT EXISTS export_runs_created ON export_runs (created_ms)");
            // failure containment: crash-loop count, warnings, retention
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS open_runs INT DEFAULT 0 NOT NULL");
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS warnings VARCHAR(" + WARNINGS_UNITS + ")");
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS expired_ms BIGINT");
            widenName(c, s);
            // cluster mode (docs/cluster.md): the owning node, its ownership epoch (fencing token), a cancel asked
            // for on another node, and when the export last changed (other nodes' events)
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS owner_node VARCHAR(100)");
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS epoch BIGINT DEFAULT 0 NOT NULL");
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS cancel_requested BOOLEAN DEFAULT FALSE NOT NULL");
            s.execute("ALTER TABLE export_runs ADD COLUMN IF NOT EXISTS updated_ms BIGINT DEFAULT 0 NOT NULL");
            s.execute("CREATE INDEX IF NOT EXISTS export_runs_status ON export_runs (status)");
            s.execute("CREATE TABLE IF NOT EXISTS cluster_nodes (node_id VARCHAR(100) PRIMARY KEY, started_ms BIGINT NOT NULL, "
                    + "heartbeat_ms BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS export_data_types (export_id VARCHAR(64) NOT NULL, data_type VARCHAR(64) NOT NULL, "
                    + "position INT NOT NULL, start_after_key VARCHAR(1000), status VARCHAR(16) NOT NULL, planned BOOLEAN NOT NULL, total_records BIGINT NOT NULL, "
                    + "total_batches BIGINT NOT NULL, high_water_mark VARCHAR(1000), last_key VARCHAR(1000), records BIGINT NOT NULL, "
                    + "invalid_records BIGINT NOT NULL, skipped_records BIGINT NOT NULL, processed_records BIGINT NOT NULL, "
                    + "batches BIGINT NOT NULL, bytes BIGINT NOT NULL, file_name VARCHAR(200), sha256 VARCHAR(64), "
                    + "validation_json VARCHAR(2000000), PRIMARY KEY (export_id, data_type))");
            // per data type times came with the web UI's durations; older rows have none (shown as unknown)
            s.execute("ALTER TABLE export_data_types ADD COLUMN IF NOT EXISTS start_ms BIGINT");
            s.execute("ALTER TABLE export_data_types ADD COLUMN IF NOT EXISTS end_ms BIGINT");
            // one row per run of an export (start, retry, resumption), for the details' list of attempts
            s.execute("CREATE TABLE IF NOT EXISTS export_attempts (export_id VARCHAR(64) NOT NULL, attempt INT NOT NULL, "
                    + "kind VARCHAR(16) NOT NULL, start_ms BIGINT NOT NULL, end_ms BIGINT, status VARCHAR(16) NOT NULL, "
                    + "processed_records BIGINT NOT NULL, error_message VARCHAR(" + ERROR_MESSAGE_UNITS + "), "
                    + "PRIMARY KEY (export_id, attempt))");
            s.execute("CREATE TABLE IF NOT EXISTS schedule_state (schedule_id VARCHAR(200) PRIMARY KEY, "
                    + "high_water_marks VARCHAR(100000), last_export_id VARCHAR(64), last_status VARCHAR(16))");
        });
    }

    /**
     * A name is at most 200 characters counted in code points; H2 counts a column's length in UTF-16 units,
     * so an emoji takes two: stores made with VARCHAR(200) get room for 200 of any character.
     */
    private static void widenName(Connection c, Statement s) throws SQLException {
        int size = Integer.MAX_VALUE;
        for (String table : List.of("export_runs", "EXPORT_RUNS")) {
            try (ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase("name")) {
                        size = rs.getInt("COLUMN_SIZE");
                    }
                }
            }
        }
        if (size < NAME_UNITS) {
            s.execute("ALTER TABLE export_runs ALTER COLUMN name SET DATA TYPE VARCHAR(" + NAME_UNITS + ")");
        }
    }

    void insert(TrackedExport e) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_runs (" + EXPORT_COLUMNS
                    + ", updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.id);
                ps.setString(2, e.name);
                ps.setString(3, e.trigger);
                ps.setString(4, e.scheduleId);
                ps.setString(5, e.configJson);
                ps.setString(6, e.directory.toString());
                ps.setLong(7, e.createdTime.toEpochMilli());
                ps.setString(8, e.status.jsonName());
                setMillis(ps, 9, e.startTime);
                setMillis(ps, 10, e.endTime);
                ps.setString(11, e.errorMessage);
                ps.setString(12, e.requestedBy);
                ps.setInt(13, e.attempts);
                ps.setInt(14, e.openRuns);
                ps.setString(15, warningsText(e));
                setMillis(ps, 16, e.expiredTime);
                ps.setString(17, e.node);
                ps.setLong(18, e.epoch);
                ps.setBoolean(19, e.cancelRequested);
                ps.setLong(20, System.currentTimeMillis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_data_types (" + TYPE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (TrackedDataType t : e.dataTypes.values()) {
                    ps.setString(1, e.id);
                    ps.setString(2, t.dataType);
                    ps.setInt(3, t.position);
                    ps.setString(4, t.startAfterKey);
                    bindTypeState(ps, 5, t);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** Saves the export's own state and, when given, one data type's state, in one transaction. */
    void save(TrackedExport e, TrackedDataType t) throws SQLException {
        save(e, t == null ? List.of() : List.of(t));
    }

    /** Saves the export and all its data types (used when a state change touches every data type). */
    void saveAll(TrackedExport e) throws SQLException {
        save(e, e.dataTypes.values());
    }

    private void save(TrackedExport e, java.util.Collection<TrackedDataType> types) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE export_runs SET status = ?, start_ms = ?, end_ms = ?, error_message = ?, attempts = ?, open_runs = ?, "
                            + "warnings = ?, expired_ms = ?, owner_node = ?, updated_ms = ? WHERE export_id = ? AND epoch = ?")) {
                ps.setString(1, e.status.jsonName());
                setMillis(ps, 2, e.startTime);
                setMillis(ps, 3, e.endTime);
                ps.setString(4, e.errorMessage);
                ps.setInt(5, e.attempts);
                ps.setInt(6, e.openRuns);
                ps.setString(7, warningsText(e));
                setMillis(ps, 8, e.expiredTime);
                ps.setString(9, e.node);
                ps.setLong(10, System.currentTimeMillis());
                ps.setString(11, e.id);
                ps.setLong(12, e.epoch);
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    throw lostOrUnknown(c, e.id, e.epoch);
                }
            }
            for (TrackedDataType t : types) {
                updateType(c, e.id, t);
            }
            c.commit();
        }
    }

    /** Saves the export's own state only (its data types' rows untouched). */
    void saveExportOnly(TrackedExport e) throws SQLException {
        save(e, List.of());
    }

    private static String warningsText(TrackedExport e) {
        return e.warnings.isEmpty() ? null : String.join("\n", e.warnings);
    }

    private void updateType(Connection c, String exportId, TrackedDataType t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE export_data_types SET status = ?, planned = ?, "
                + "total_records = ?, total_batches = ?, high_water_mark = ?, last_key = ?, records = ?, invalid_records = ?, "
                + "skipped_records = ?, processed_records = ?, batches = ?, bytes = ?, file_name = ?, sha256 = ?, "
                + "validation_json = ?, start_ms = ?, end_ms = ? WHERE export_id = ? AND data_type = ?")) {
            int i = bindTypeState(ps, 1, t);
            ps.setString(i++, exportId);
            ps.setString(i, t.dataType);
            ps.executeUpdate();
        }
    }

    private static int bindTypeState(PreparedStatement ps, int i, TrackedDataType t) throws SQLException {
        ps.setString(i++, t.status.jsonName());
        ps.setBoolean(i++, t.planned);
        ps.setLong(i++, t.totalRecords);
        ps.setLong(i++, t.totalBatches);
        ps.setString(i++, t.highWaterMark);
        i = bindCheckpoint(ps, i, t.checkpoint);
        ps.setString(i++, t.fileName);
        ps.setString(i++, t.sha256);
        ps.setString(i++, t.checkpoint.validationJson());
        setMillis(ps, i++, t.startTime);
        setMillis(ps, i++, t.endTime);
        return i;
    }

    /** Binds last key, records, invalid, skipped, processed, batches and bytes, in that order. */
    private static int bindCheckpoint(PreparedStatement ps, int i, BatchCheckpoint cp) throws SQLException {
        ps.setString(i++, cp.lastKeyText());
        ps.setLong(i++, cp.written());
        ps.setLong(i++, cp.invalid());
        ps.setLong(i++, cp.skipped());
        ps.setLong(i++, cp.processed());
        ps.setLong(i++, cp.batches());
        ps.setLong(i++, cp.fileBytes());
        return i;
    }

    /**
     * Saves the checkpoint of a data type's last batch, if the store still holds the epoch the saving node
     * owns the export with: the fencing rule (docs/cluster.md). The epoch check locks the export's row until
     * the checkpoint commits, so a take-over (which moves the epoch on) comes wholly before or after it.
     *
     * @throws OwnershipLostException when the epoch moved on (nothing is saved)
     * @throws SQLException           also when the data type has no row (the export is unknown to the store)
     */
    void saveCheckpoint(BatchCheckpoint cp, long epoch) throws SQLException {
        saveCheckpoint(cp, epoch, true);
    }

    /**
     * As {@link #saveCheckpoint(BatchCheckpoint, long)}; unfenced (a single node, whose epoch never moves)
     * it is the one {@code UPDATE} of the data type's row.
     */
    void saveCheckpoint(BatchCheckpoint cp, long epoch, boolean fenced) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(!fenced);
            try {
                if (fenced) {
                    fence(c, cp.exportId(), epoch);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE export_data_types "
                        + "SET last_key = ?, records = ?, invalid_records = ?, skipped_records = ?, processed_records = ?, batches = ?, "
                        + "bytes = ?, validation_json = ? WHERE export_id = ? AND data_type = ?")) {
                    int i = bindCheckpoint(ps, 1, cp);
                    ps.setString(i++, cp.validationJson());
                    ps.setString(i++, cp.exportId());
                    ps.setString(i, cp.dataType());
                    if (ps.executeUpdate() != 1) {
                        throw new SQLException("no data type " + cp.dataType() + " of export " + cp.exportId() + " in the store");
                    }
                }
                if (fenced) {
                    c.commit();
                }
            } catch (SQLException | RuntimeException ex) {
                if (fenced) {
                    c.rollback();
                }
                throw ex;
            }
        }
    }

    /** The conditional update every write of an owner starts with: the export's row, only at the owner's epoch. */
    private static void fence(Connection c, String exportId, long epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE export_runs SET updated_ms = ? WHERE export_id = ? AND epoch = ?")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, exportId);
            ps.setLong(3, epoch);
            if (ps.executeUpdate() != 1) {
                throw lostOrUnknown(c, exportId, epoch);
            }
        }
    }

    /** Why a conditional update changed nothing: the epoch moved on (ownership lost), or no such export. */
    private static RuntimeException lostOrUnknown(Connection c, String exportId, long epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch, owner_node FROM export_runs WHERE export_id = ?")) {
            ps.setString(1, exportId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no export " + exportId + " in the store");
                }
                return new OwnershipLostException("export " + exportId + " was taken over (epoch " + epoch + " → " + rs.getLong(1)
                        + ", node " + rs.getString(2) + ")");
            }
        }
    }

    /**
     * Claims for {@code node} up to {@code limit} exports that wait (pending, no owner) or whose owner is silent
     * (no heartbeat in {@code cluster_nodes} for {@code leaseMs}, by the database's clock), oldest first: each
     * gets this node as owner and its epoch moved on by one, so its former owner can save nothing more.
     * Rows another node is claiming at the same moment are skipped ({@code FOR UPDATE SKIP LOCKED}), so each
     * export goes to exactly one node. PostgreSQL only (cluster mode).
     *
     * @return the claimed exports' ids
     */
    List<String> claim(String node, long leaseMs, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE export_runs SET owner_node = ?, epoch = epoch + 1, updated_ms = ? WHERE export_id IN ("
                        + "SELECT export_id FROM export_runs WHERE status IN ('pending', 'running') AND (owner_node IS NULL "
                        + "OR owner_node NOT IN (SELECT node_id FROM cluster_nodes WHERE heartbeat_ms >= " + DB_NOW_MS + " - ?)) "
                        + "ORDER BY created_ms, export_id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING export_id")) {
            ps.setString(1, node);
            ps.setLong(2, System.currentTimeMillis());
            ps.setLong(3, leaseMs);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** PostgreSQL's clock in epoch milliseconds: leases are judged by one clock, not by each node's. */
    public static final String DB_NOW_MS = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    /**
     * Gives up the ownership of an export, if still held at {@code epoch}, so that any node (this one too)
     * claims it at once; its status is left as it is.
     */
    void release(String exportId, long epoch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE export_runs SET owner_node = NULL, updated_ms = ? WHERE export_id = ? AND epoch = ?")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, exportId);
            ps.setLong(3, epoch);
            ps.executeUpdate();
        }
    }

    /**
     * Gives up the given unfinished exports if the store still says {@code node} owns them: those it does not
     * run (a node starting again under its old name, or one whose run of an export ended without a word to the store).
     */
    int releaseAll(String node, java.util.Collection<String> exportIds) throws SQLException {
        if (exportIds.isEmpty()) {
            return 0;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(exportIds.size(), "?"));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE export_runs SET owner_node = NULL, updated_ms = ? WHERE owner_node = ? AND status IN ('pending', 'running') "
                        + "AND export_id IN (" + marks + ")")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, node);
            int i = 3;
            for (String id : exportIds) {
                ps.setString(i++, id);
            }
            return ps.executeUpdate();
        }
    }

    /** The unfinished exports the store says {@code node} owns, each with whether a cancel was asked for. */
    Map<String, Boolean> owned(String node) throws SQLException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT export_id, cancel_requested FROM export_runs WHERE owner_node = ? AND status IN ('pending', 'running')")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return out;
    }

    /** Asks whichever node runs an export to cancel it (it reads the flag with its heartbeat). */
    void requestCancel(String exportId, boolean requested) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE export_runs SET cancel_requested = ?, updated_ms = ? WHERE export_id = ?")) {
            ps.setBoolean(1, requested);
            ps.setLong(2, System.currentTimeMillis());
            ps.setString(3, exportId);
            ps.executeUpdate();
        }
    }

    /** The running exports of each node, by the store (export ids oldest first). */
    Map<String, List<String>> runningByNode() throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT owner_node, export_id FROM export_runs WHERE status = 'running' AND owner_node IS NOT NULL "
                        + "ORDER BY created_ms, export_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    /** Exports that changed after {@code sinceMs} (by their saver's clock), oldest change first. */
    List<ExportChange> changedSince(long sinceMs, int limit) throws SQLException {
        List<ExportChange> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT export_id, owner_node, status, updated_ms FROM export_runs WHERE updated_ms > ? ORDER BY updated_ms LIMIT ?")) {
            ps.setLong(1, sinceMs);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ExportChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    TrackedExport load(String exportId) throws SQLException {
        List<TrackedExport> found = query("WHERE export_id = ?", List.of(exportId), 1, 0);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Exports newest first, optionally of one status, optionally only those all of whose data types are
     * in {@code onlyDataTypes} (what a token limited to data types may see).
     */
    List<TrackedExport> list(HistoryFilter filter, int limit, int offset) throws SQLException {
        List<Object> params = new ArrayList<>();
        return query(where(filter, params), params, limit, offset);
    }

    long count(HistoryFilter filter) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM export_runs " + where(filter, params);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String where(HistoryFilter filter, List<Object> params) {
        ExportState status = filter.status();
        java.util.Set<String> onlyDataTypes = filter.onlyDataTypes();
        List<String> conditions = new ArrayList<>();
        if (filter.text() != null) {
            // the text is a bound value, its LIKE wildcards made literal
            String pattern = "%" + likeLiteral(filter.text()) + "%";
            conditions.add("(LOWER(name) LIKE ? ESCAPE '!' OR LOWER(export_id) LIKE ? ESCAPE '!')");
            params.add(pattern);
            params.add(pattern);
        }
        if (status != null) {
            conditions.add("status = ?");
            params.add(status.jsonName());
        }
        if (onlyDataTypes != null) {
            // no data type of the export outside the allowed ones
            String marks = String.join(", ", java.util.Collections.nCopies(Math.max(1, onlyDataTypes.size()), "?"));
            conditions.add("NOT EXISTS (SELECT 1 FROM export_data_types d WHERE d.export_id = export_runs.export_id "
                    + "AND d.data_type NOT IN (" + marks + "))");
            params.addAll(onlyDataTypes.isEmpty() ? List.of("") : onlyDataTypes.stream().sorted().toList());
        }
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }

    /** Escapes {@code !}, {@code %} and {@code _} with {@code !}, for {@code LIKE ? ESCAPE '!'}. */
    static String likeLiteral(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /**
     * Ids of finished exports (completed, failed, cancelled) that ended before {@code cutoff} and whose
     * directory the retention policy has not deleted yet, oldest first, at most {@code limit}.
     */
    List<String> expirable(Instant cutoff, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT export_id FROM export_runs "
                + "WHERE status IN ('completed', 'failed', 'cancelled') AND end_ms < ? AND expired_ms IS NULL "
                + "ORDER BY end_ms, export_id LIMIT ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Exports a restart interrupted or left waiting, oldest first. */
    List<TrackedExport> unfinished() throws SQLException {
        List<TrackedExport> all = query("WHERE status IN ('pending', 'running')", List.of(), Integer.MAX_VALUE, 0);
        java.util.Collections.reverse(all);
        return all;
    }

    private List<TrackedExport> query(String where, List<Object> params, int limit, int offset) throws SQLException {
        Map<String, TrackedExport> byId = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EXPORT_COLUMNS + " FROM export_runs " + where
                    + " ORDER BY created_ms DESC, export_id DESC LIMIT ? OFFSET ?")) {
                int i = 1;
                for (Object p : params) {
                    ps.setObject(i++, p);
                }
                ps.setInt(i++, limit);
                ps.setInt(i, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TrackedExport e = new TrackedExport(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(12), Path.of(rs.getString(6)),
                                Instant.ofEpochMilli(rs.getLong(7)));
                        e.status = ExportState.fromName(rs.getString(8));
                        e.startTime = millis(rs, 9);
                        e.endTime = millis(rs, 10);
                        e.errorMessage = rs.getString(11);
                        e.attempts = Math.max(1, rs.getInt(13));
                        e.openRuns = rs.getInt(14);
                        String warnings = rs.getString(15);
                        e.warnings = warnings == null ? List.of() : List.of(warnings.split("\n"));
                        e.expiredTime = millis(rs, 16);
                        e.node = rs.getString(17);
                        e.epoch = rs.getLong(18);
                        e.cancelRequested = rs.getBoolean(19);
                        byId.put(e.id, e);
                    }
                }
            }
            if (!byId.isEmpty()) {
                loadTypes(c, byId);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private void loadTypes(Connection c, Map<String, TrackedExport> byId) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(byId.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TYPE_COLUMNS
                + " FROM export_data_types WHERE export_id IN (" + marks + ") ORDER BY export_id, position")) {
            int i = 1;
            for (String id : byId.keySet()) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String exportId = rs.getString(1);
                    TrackedDataType t = new TrackedDataType(exportId, rs.getString(2), rs.getInt(3), rs.getString(4));
                    int col = 5;
                    t.status = ExportState.fromName(rs.getString(col++));
                    t.planned = rs.getBoolean(col++);
                    t.totalRecords = rs.getLong(col++);
                    t.totalBatches = rs.getLong(col++);
                    t.highWaterMark = rs.getString(col++);
                    String lastKey = rs.getString(col++);
                    long written = rs.getLong(col++);
                    long invalid = rs.getLong(col++);
                    col++; // skipped_records: processed - written
                    long processed = rs.getLong(col++);
                    long batches = rs.getLong(col++);
                    long bytes = rs.getLong(col++);
                    t.fileName = rs.getString(col++);
                    t.sha256 = rs.getString(col++);
                    String validation = rs.getString(col++);
                    t.startTime = millis(rs, col++);
                    t.endTime = millis(rs, col);
                    t.checkpoint = new BatchCheckpoint(exportId, t.dataType, lastKey, batches, processed, written, invalid, bytes,
                            validation == null ? null : ValidationStats.parse(validation));
                    byId.get(exportId).dataTypes.put(t.dataType, t);
                }
            }
        }
    }

    /** Records that an attempt of an export started (replacing a row of the same number left by a failed save). */
    void attemptStarted(String exportId, int attempt, String kind, Instant start, long processed) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM export_attempts WHERE export_id = ? AND attempt = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO export_attempts (export_id, attempt, kind, start_ms, "
                         + "end_ms, status, processed_records, error_message) VALUES (?, ?, ?, ?, NULL, 'running', ?, NULL)")) {
                del.setString(1, exportId);
                del.setInt(2, attempt);
                del.executeUpdate();
                ins.setString(1, exportId);
                ins.setInt(2, attempt);
                ins.setString(3, kind);
                ins.setLong(4, start.toEpochMilli());
                ins.setLong(5, processed);
                ins.executeUpdate();
            }
            c.commit();
        }
    }

    /** Records how an attempt ended; {@code end} null for an attempt the service's stop interrupted. */
    void attemptEnded(String exportId, int attempt, String status, Instant end, long processed, String errorMessage)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE export_attempts "
                + "SET status = ?, end_ms = ?, processed_records = ?, error_message = ? WHERE export_id = ? AND attempt = ? "
                + "AND status = 'running'")) {
            ps.setString(1, status);
            setMillis(ps, 2, end);
            ps.setLong(3, processed);
            ps.setString(4, errorMessage);
            ps.setString(5, exportId);
            ps.setInt(6, attempt);
            ps.executeUpdate();
        }
    }

    /** The attempts of an export, first first. */
    List<ExportAttempt> attempts(String exportId) throws SQLException {
        List<ExportAttempt> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT attempt, kind, status, "
                + "start_ms, end_ms, processed_records, error_message FROM export_attempts WHERE export_id = ? ORDER BY attempt")) {
            ps.setString(1, exportId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start = millis(rs, 4);
                    Instant end = millis(rs, 5);
                    out.add(new ExportAttempt(rs.getInt(1), rs.getString(2), rs.getString(3),
                            com.exportservice.time.Timestamps.format(start), com.exportservice.time.Timestamps.format(end),
                            end == null ? null : seconds(start, end), rs.getLong(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    /** Whole tenths of a second between two instants. */
    static Double seconds(Instant from, Instant to) {
        return Math.max(0, to.toEpochMilli() - from.toEpochMilli()) / 100 / 10.0;
    }

    /** The stored state of a schedule, or null before its first run. */
    public ScheduleState loadSchedule(String scheduleId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT high_water_marks, last_export_id, last_status FROM schedule_state WHERE schedule_id = ?")) {
            ps.setString(1, scheduleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new ScheduleState(scheduleId, rs.getString(1), rs.getString(2), rs.getString(3)) : null;
            }
        }
    }

    /** Inserts or replaces a schedule's state. */
    public void saveSchedule(ScheduleState s) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM schedule_state WHERE schedule_id = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO schedule_state (schedule_id, high_water_marks, last_export_id, last_status) VALUES (?, ?, ?, ?)")) {
                del.setString(1, s.scheduleId());
                del.executeUpdate();
                ins.setString(1, s.scheduleId());
                ins.setString(2, s.highWaterMarks());
                ins.setString(3, s.lastExportId());
                ins.setString(4, s.lastStatus());
                ins.executeUpdate();
            }
            c.commit();
        }
    }

    /** Whether the store answers (health check). */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void setMillis(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    private static Instant millis(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
