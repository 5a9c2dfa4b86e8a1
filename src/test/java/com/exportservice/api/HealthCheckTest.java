package com.exportservice.api;

import com.exportservice.request.Problem;
import com.exportservice.status.StateStore;
import com.exportservice.status.StatusTracker;
import com.exportservice.testsupport.InMemoryH2;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/health's check against real drivers: a database that answers, and one where nothing listens. */
class HealthCheckTest {

    @Test
    void should_find_nothing_wrong_when_source_and_store_answer() throws Exception {
        HealthCheck health = new HealthCheck(InMemoryH2.dataSource(), status(InMemoryH2.stateStore()));

        assertThat(health.problems()).isEmpty();
    }

    @Test
    void should_name_the_source_and_the_store_when_they_do_not_answer() throws Exception {
        HealthCheck health = new HealthCheck(nowhere(), status(new StateStore(nowhere())));

        assertThat(health.problems()).extracting(Problem::field).containsExactly("source", "store");
        assertThat(health.problems()).allSatisfy(p -> assertThat(p.problem()).contains("unreachable"));
    }

    private static StatusTracker status(StateStore store) {
        return new StatusTracker(store, Clock.systemUTC(), 1, 10);
    }

    /** A PostgreSQL data source for a port where nothing listens: the connection is refused at once. */
    private static DataSource nowhere() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:1/none");
        ds.setConnectTimeout(2);
        return ds;
    }
}
