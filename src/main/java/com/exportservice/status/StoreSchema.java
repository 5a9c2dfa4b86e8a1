package com.exportservice.status;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How every piece of the service creates or upgrades its tables in the state store at start-up: in one
 * transaction, and on PostgreSQL under one transaction-scoped advisory lock, so that nodes of a cluster
 * starting together on an empty store run their DDL one after the other. Concurrent
 * {@code CREATE TABLE/INDEX IF NOT EXISTS} of one name can otherwise fail in PostgreSQL on its catalog's
 * unique index ({@code duplicate key value violates unique constraint "pg_class_relname_nsp_index"}).
 */
public final class StoreSchema {
    /** The key of the advisory lock serializing this service's table creation across nodes ("qrtz" in ASCII). */
    public static final long DDL_LOCK = 0x7172747aL;

    /** Statements run on one connection of the store. */
    @FunctionalInterface
    public interface Ddl {
        void run(Connection c, Statement s) throws SQLException;
    }

    private StoreSchema() {
    }

    /** Runs {@code ddl} in one transaction, after the advisory lock where the store is PostgreSQL. */
    public static void create(DataSource store, Ddl ddl) throws SQLException {
        try (Connection c = store.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                    s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
                }
                ddl.run(c, s);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
