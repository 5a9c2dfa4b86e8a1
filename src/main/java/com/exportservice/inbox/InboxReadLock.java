package com.exportservice.inbox;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * The inbox's read lock when nodes share the inbox directory (cluster mode): the file consumer's
 * {@code readLock=idempotent-changed}, whose idempotent repository is camel-sql's
 * {@link JdbcMessageIdRepository} on a table in the PostgreSQL store. A node takes a file only after inserting
 * the file's name into {@value #TABLE}; the primary key lets exactly one node's insert succeed, the others skip
 * the file. Then, as in single-node mode, the file must stop changing before it is read.
 * <p>
 * When the file has left the inbox its row is deleted (after a delay, so a node whose listing still shows the
 * file cannot take it again), and a later file of the same name is a new request. A row older than
 * {@link #ORPHAN_AFTER} belongs to a node that died while taking the file (taking one lasts seconds): another
 * node may take the file then, the row's age checked and renewed in one statement, so only one of them does.
 * Times are the database's ({@code now()}): the nodes' clocks do not matter.
 */
public final class InboxReadLock {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InboxReadLock.class);
    /** The bean the inbox route names as its {@code idempotentRepository}. */
    public static final String BEAN = "inboxReadLocks";
    static final String TABLE = "inbox_read_locks";
    /** The repository's processor name: the inbox of this cluster. */
    static final String PROCESSOR = "export-inbox";
    /** How long a node may hold a file before others consider it dead. */
    static final Duration ORPHAN_AFTER = Duration.ofMinutes(2);
    private static final String FRESH = "now() - interval '" + ORPHAN_AFTER.toSeconds() + " seconds'";

    private InboxReadLock() {
    }

    /** The table of the locks: created at start-up, when missing, with the store's other tables. */
    public static List<String> tables() {
        return List.of("CREATE TABLE IF NOT EXISTS " + TABLE + " (processor_name VARCHAR(255) NOT NULL, "
                + "message_id VARCHAR(1000) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "PRIMARY KEY (processor_name, message_id))");
    }

    /** The cluster's read locks in the store (its table created by then). */
    public static IdempotentRepository clustered(DataSource store) {
        JdbcMessageIdRepository locks = new StoreLocks(store);
        locks.setCreateTableIfNotExists(false);
        locks.setTableExistsString("SELECT 1 FROM " + TABLE + " WHERE 1 = 0");
        // a lock older than ORPHAN_AFTER does not count: its node died
        locks.setQueryString("SELECT COUNT(*) FROM " + TABLE + " WHERE processor_name = ? AND message_id = ? AND created_at >= " + FRESH);
        // one statement decides between nodes (StoreLocks.add): a new row, or an orphan's row renewed; else 0 rows,
        // not taken. The repository's own timestamp (third parameter) is replaced by the database's clock.
        locks.setInsertString("INSERT INTO " + TABLE + " (processor_name, message_id, created_at) "
                + "VALUES (?, ?, CASE WHEN CAST(? AS TIMESTAMP) IS NULL THEN now() ELSE now() END) "
                + "ON CONFLICT (processor_name, message_id) DO UPDATE SET created_at = now() WHERE " + TABLE + ".created_at < " + FRESH);
        locks.setDeleteString("DELETE FROM " + TABLE + " WHERE processor_name = ? AND message_id = ?");
        locks.setClearString("DELETE FROM " + TABLE + " WHERE processor_name = ?");
        return locks;
    }

    /**
     * camel-sql's repository with an atomic {@link #add}: its own runs a count, then the insert, and answers
     * true whatever the insert did (Camel 4.17), so two nodes counting at the same moment would both take the
     * file. Here the one insert statement decides (a new row, or an orphan's renewed: one row; a live lock: none).
     */
    static final class StoreLocks extends JdbcMessageIdRepository {
        StoreLocks(DataSource store) {
            super(store, PROCESSOR);
        }

        @Override
        public boolean add(String key) {
            boolean taken = jdbcTemplate.update(getInsertString(), processorName, key, new java.sql.Timestamp(0)) == 1;
            LOG.debug("inbox file {}: {}", key, taken ? "locked by this node" : "locked by another node");
            return taken;
        }

        @Override
        public boolean remove(String key) {
            LOG.debug("inbox file {}: lock released", key);
            return super.remove(key);
        }
    }

    /**
     * Single-node mode: the route names a repository all the same, but its read lock ({@code changed}) never
     * uses it.
     */
    public static IdempotentRepository local() {
        return MemoryIdempotentRepository.memoryIdempotentRepository(16);
    }
}
