package com.exportservice.testsupport;

import com.exportservice.status.StateStore;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.SQLException;
import java.util.UUID;

/** Fresh in-memory H2 databases for unit tests: real SQL, nothing left behind between tests. */
public final class InMemoryH2 {
    private InMemoryH2() {
    }

    /** An empty database of its own, kept while the JVM runs (user {@code sa}). */
    public static JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** The service's state store, its tables created, on a database of its own. */
    public static StateStore stateStore() throws SQLException {
        StateStore store = new StateStore(dataSource());
        store.init();
        return store;
    }
}
