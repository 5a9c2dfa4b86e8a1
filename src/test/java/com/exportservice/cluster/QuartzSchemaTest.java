package com.exportservice.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Quartz's own PostgreSQL script, made idempotent. */
class QuartzSchemaTest {

    @Test
    void should_keep_every_table_and_index_of_quartzs_script_as_statements_that_may_run_again() {
        List<String> statements = QuartzSchema.statements();

        assertThat(statements).allMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS ") || s.startsWith("CREATE INDEX IF NOT EXISTS "));
        assertThat(statements).filteredOn(s -> s.startsWith("CREATE TABLE")).hasSize(11);
        assertThat(String.join("\n", statements)).contains("QRTZ_LOCKS", "QRTZ_SCHEDULER_STATE", "QRTZ_FIRED_TRIGGERS", "QRTZ_CRON_TRIGGERS")
                .doesNotContain("DROP", "COMMIT", "--");
    }

    @Test
    void should_leave_out_drops_and_comments_and_refuse_what_it_does_not_know() {
        assertThat(QuartzSchema.idempotent("-- a comment\nDROP TABLE IF EXISTS A;\nCREATE TABLE A\n(X INT);\nCREATE INDEX I ON A (X);\nCOMMIT;"))
                .containsExactly("CREATE TABLE IF NOT EXISTS A (X INT)", "CREATE INDEX IF NOT EXISTS I ON A (X)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuartzSchema.idempotent("DELETE FROM A;"))
                .hasMessageContaining("unexpected statement");
    }
}
