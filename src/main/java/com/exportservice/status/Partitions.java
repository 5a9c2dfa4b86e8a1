package com.exportservice.status;

import com.exportservice.validation.ValidationStats;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The key-range partitions of large data types in the store ({@code export_partitions}, cluster mode only,
 * PostgreSQL): created when the export's owner plans the data type, claimed by any node with a free partition
 * worker under the same rule as whole exports ({@code FOR UPDATE SKIP LOCKED}, an epoch moved on at every
 * claim), and every write of a partition's owner conditional on its epoch: a node that lost a partition (its
 * lease ran out, it was taken over) saves nothing more for it.
 */
public final class Partitions {
    private static final String COLUMNS = "export_id, data_type, part_no, after_key, to_key, epoch, status, last_key, batches, "
            + "processed_records, records, invalid_records, bytes, validation_json, error_message";

    private final DataSource dataSource;
    private final String node;
    private final BooleanSupplier leaseHeld;

    /**
     * @param node      this node's name (the owner a claim records)
     * @param leaseHeld whether this node's lease is good (its last heartbeat reached the store in time)
     */
    public Partitions(DataSource dataSource, String node, BooleanSupplier leaseHeld) {
        this.dataSource = dataSource;
        this.node = node;
        this.leaseHeld = leaseHeld;
    }

    /** Creates the table when missing. */
    public void init() throws SQLException {
        StoreSchema.create(dataSource, (c, s) ->
            s.execute("CREATE TABLE IF NOT EXISTS export_partitions (export_id VARCHAR(64) NOT NULL, data_type VARCHAR(64) NOT NULL, "
                    + "part_no INT NOT NULL, after_key VARCHAR(1000), to_key VARCHAR(1000) NOT NULL, owner_node VARCHAR(100), "
                    + "epoch BIGINT DEFAULT 0 NOT NULL, status VARCHAR(16) NOT NULL, last_key VARCHAR(1000), batches BIGINT DEFAULT 0 NOT NULL, "
                    + "processed_records BIGINT DEFAULT 0 NOT NULL, records BIGINT DEFAULT 0 NOT NULL, "
                    + "invalid_records BIGINT DEFAULT 0 NOT NULL, bytes BIGINT DEFAULT 0 NOT NULL, validation_json TEXT, "
                    + "error_message VARCHAR(" + StateStore.ERROR_MESSAGE_UNITS + "), updated_ms BIGINT DEFAULT 0 NOT NULL, PRIMARY KEY (export_id, data_type, part_no))"));
    }

    /**
     * Records a data type's partitions, unless it has some already (a plan redone after its owner died keeps the
     * first split). Each range is {@code (afterKey, toKey]}, in key order.
     *
     * @param bounds the first partition's start-after key (null: the data type's start), then each partition's last key
     * @return whether the data type is partitioned now
     */
    public boolean create(String exportId, String dataType, List<String> bounds) {
        if (bounds.size() < 3) {
            throw new IllegalArgumentException("two partitions at least: " + bounds);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!list(c, exportId, dataType).isEmpty()) {
                    c.rollback();
                    return true;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_partitions (export_id, data_type, part_no, "
                        + "after_key, to_key, status, last_key, updated_ms) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)")) {
                    for (int i = 0; i + 1 < bounds.size(); i++) {
                        ps.setString(1, exportId);
                        ps.setString(2, dataType);
                        ps.setInt(3, i);
                        ps.setString(4, bounds.get(i));
                        ps.setString(5, bounds.get(i + 1));
                        ps.setString(6, bounds.get(i));
                        ps.setLong(7, System.currentTimeMillis());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("record the partitions of " + dataType + " of export " + exportId, e);
        }
    }

    /** The data type's partitions in key order (none: not partitioned). */
    public List<Partition> list(String exportId, String dataType) {
        try (Connection c = dataSource.getConnection()) {
            return list(c, exportId, dataType);
        } catch (SQLException e) {
            throw new StoreException("read the partitions of " + dataType + " of export " + exportId, e);
        }
    }

    private static List<Partition> list(Connection c, String exportId, String dataType) throws SQLException {
        List<Partition> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM export_partitions WHERE export_id = ? "
                + "AND data_type = ? ORDER BY part_no")) {
            ps.setString(1, exportId);
            ps.setString(2, dataType);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /**
     * Claims for this node one partition to export: one waiting, or one whose owner fell silent for {@code leaseMs}
     * (by the database's clock), of an export that runs and was not asked to cancel; oldest export first. Its
     * epoch moves on, so a former owner saves nothing more for it.
     */
    public Optional<Partition> claim(long leaseMs) {
        if (!leaseHeld.getAsBoolean()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE export_partitions SET owner_node = ?, epoch = epoch + 1, status = 'running', updated_ms = ? "
                        + "WHERE (export_id, data_type, part_no) IN (SELECT p.export_id, p.data_type, p.part_no "
                        + "FROM export_partitions p JOIN export_runs r ON r.export_id = p.export_id "
                        + "WHERE p.status IN ('pending', 'running') AND r.status = 'running' AND NOT r.cancel_requested "
                        + "AND (p.owner_node IS NULL OR p.owner_node NOT IN (SELECT node_id FROM cluster_nodes "
                        + "WHERE heartbeat_ms >= " + StateStore.DB_NOW_MS + " - ?)) "
                        + "ORDER BY r.created_ms, p.export_id, p.data_type, p.part_no LIMIT 1 FOR UPDATE OF p SKIP LOCKED) "
                        + "RETURNING " + COLUMNS)) {
            ps.setString(1, node);
            ps.setLong(2, System.currentTimeMillis());
            ps.setLong(3, leaseMs);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("claim a partition", e);
        }
    }

    /**
     * Whether this node may still write for the partition: its lease is good. (That the store still gives it the
     * partition is checked by each save, which is conditional on its epoch.)
     *
     * @throws OwnershipLostException when not
     */
    public void checkOwned(Partition p) {
        if (!leaseHeld.getAsBoolean()) {
            throw new OwnershipLostException("this node's lease ran out; partition " + p.label() + " is another node's now");
        }
    }

    /**
     * Saves the checkpoint of the partition's last batch, if the store still gives the partition to this claim
     * (its epoch) and its export still runs (not cancelled, failed or finished).
     *
     * @throws OwnershipLostException when not: nothing is saved, and the partition stops on this node
     */
    public PersistedCheckpoint persist(Partition p, BatchCheckpoint cp) {
        checkOwned(p);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE export_partitions "
                + "SET last_key = ?, batches = ?, processed_records = ?, records = ?, invalid_records = ?, bytes = ?, "
                + "validation_json = ?, updated_ms = ? WHERE export_id = ? AND data_type = ? AND part_no = ? AND epoch = ? "
                + "AND status = 'running' AND EXISTS (SELECT 1 FROM export_runs r WHERE r.export_id = ? AND r.status = 'running' "
                + "AND NOT r.cancel_requested)")) {
            ps.setString(1, cp.lastKeyText());
            ps.setLong(2, cp.batches());
            ps.setLong(3, cp.processed());
            ps.setLong(4, cp.written());
            ps.setLong(5, cp.invalid());
            ps.setLong(6, cp.fileBytes());
            ps.setString(7, cp.validationJson());
            int i = bindKey(ps, 8, p);
            ps.setString(i, p.exportId());
            if (ps.executeUpdate() != 1) {
                throw lost(p);
            }
        } catch (SQLException e) {
            throw new StoreException("save the checkpoint of partition " + p.label(), e);
        }
        return new PersistedCheckpoint(cp);
    }

    /** The partition's part file is complete: it counts towards the data type's file. */
    public void committed(Partition p) {
        checkOwned(p);
        // the owner stays recorded: which node exported the partition (a committed partition is never claimed again)
        if (update(p, "status = 'committed'", null) != 1) {
            throw lost(p);
        }
    }

    /** Gives the partition up (this node stops or lost it): any node claims it again at once, from its checkpoint. */
    public void release(Partition p) {
        update(p, "owner_node = NULL", null);
    }

    /** The partition failed for good (redeliveries used up, or a record invalid under {@code on_invalid: fail}). */
    public void failed(Partition p, String message) {
        String text = message == null ? "failed" : StoredText.fit(message, StateStore.ERROR_MESSAGE_UNITS);
        update(p, "status = 'failed', owner_node = NULL, error_message = ?", text);
    }

    /** A retried export: its failed partitions wait to be claimed again, from their checkpoints. */
    public void retryFailed(String exportId, String dataType) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE export_partitions "
                + "SET status = 'pending', error_message = NULL, updated_ms = ? WHERE export_id = ? AND data_type = ? AND status = 'failed'")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, exportId);
            ps.setString(3, dataType);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("retry the partitions of " + dataType + " of export " + exportId, e);
        }
    }

    private int update(Partition p, String set, String text) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE export_partitions SET "
                + set + ", updated_ms = ? WHERE export_id = ? AND data_type = ? AND part_no = ? AND epoch = ? AND status = 'running'")) {
            int i = 1;
            if (text != null) {
                ps.setString(i++, text);
            }
            bindKey(ps, i, p);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("save partition " + p.label(), e);
        }
    }

    private static int bindKey(PreparedStatement ps, int i, Partition p) throws SQLException {
        ps.setLong(i++, System.currentTimeMillis());
        ps.setString(i++, p.exportId());
        ps.setString(i++, p.dataType());
        ps.setInt(i++, p.number());
        ps.setLong(i++, p.epoch());
        return i;
    }

    private static OwnershipLostException lost(Partition p) {
        return new OwnershipLostException("partition " + p.label() + " is no longer this node's (taken over, or its export "
                + "no longer runs)");
    }

    private static Partition read(ResultSet rs) throws SQLException {
        String exportId = rs.getString(1);
        String dataType = rs.getString(2);
        String validation = rs.getString(14);
        BatchCheckpoint cp = new BatchCheckpoint(exportId, dataType, rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                rs.getLong(12), rs.getLong(13), validation == null ? null : ValidationStats.parse(validation));
        return new Partition(exportId, dataType, rs.getInt(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7), cp,
                rs.getString(15));
    }
}
