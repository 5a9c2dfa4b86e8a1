package com.exportservice.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationStatsTest {

    private static ValidationStats batch(long firstId, int count, int failing) {
        ValidationStats s = new ValidationStats();
        s.declareRules(List.of("required:message", "enum:level"));
        for (long id = firstId; id < firstId + count; id++) {
            boolean fails = id - firstId < failing;
            if (fails) {
                s.ruleFailed("enum:level", id);
            }
            s.recordChecked(4, fails ? 3 : 4, !fails, !fails, true);
        }
        return s;
    }

    @Test
    void should_report_perfect_metrics_for_no_records() {
        ValidationStats s = new ValidationStats();
        assertThat(s.completeness()).isEqualTo(1.0);
        assertThat(s.consistency()).isEqualTo(1.0);
        assertThat(s.accuracy()).isEqualTo(1.0);
        assertThat(s.records()).isZero();
    }

    @Test
    void should_merge_counts_and_keep_the_first_ten_example_ids() {
        ValidationStats total = new ValidationStats();
        total.merge(batch(1, 100, 6));
        total.merge(batch(101, 100, 7));
        assertThat(total.records()).isEqualTo(200);
        assertThat(total.invalid()).isEqualTo(13);
        assertThat(total.valid()).isEqualTo(187);
        assertThat(total.failures("enum:level")).isEqualTo(13);
        assertThat(total.consistency()).isEqualTo(187 / 200.0);
        assertThat(total.completeness()).isEqualTo((800 - 13) / 800.0);
        assertThat(total.rules().get(1).exampleIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 101L, 102L, 103L, 104L);
        assertThat(total.rules()).extracting(ValidationStats.RuleResult::rule).containsExactly("required:message", "enum:level");
    }

    @Test
    void should_not_count_a_batch_that_is_never_merged() {
        ValidationStats total = new ValidationStats();
        total.merge(batch(1, 10, 1));
        ValidationStats redelivered = batch(11, 10, 1);
        ValidationStats again = batch(11, 10, 1);
        total.merge(again); // only the committed attempt
        assertThat(total.records()).isEqualTo(20);
        assertThat(redelivered.records()).isEqualTo(10);
    }

    @Test
    void should_round_trip_through_json() throws Exception {
        ValidationStats s = batch(1, 50, 12);
        s.ruleFailed("type:code", "A-7");
        String json = s.toJson().toString();
        JsonNode parsed = new ObjectMapper().readTree(json);
        ValidationStats back = ValidationStats.fromJson(parsed);
        assertThat(back.toJson()).isEqualTo(s.toJson());
        assertThat(back.rules()).isEqualTo(s.rules());
        assertThat(back.completeness()).isEqualTo(s.completeness());
        assertThat(back.rules().get(2).exampleIds()).containsExactly("A-7");
        assertThat(back.rules().get(1).exampleIds()).first().isInstanceOf(Long.class);
    }

    @Test
    void should_resume_from_a_checkpoint_with_exact_totals() {
        ValidationStats uninterrupted = new ValidationStats();
        ValidationStats resumed = new ValidationStats();
        uninterrupted.merge(batch(1, 30, 3));
        resumed.merge(batch(1, 30, 3));
        resumed = ValidationStats.fromJson(resumed.toJson()); // restart
        uninterrupted.merge(batch(31, 30, 4));
        resumed.merge(batch(31, 30, 4));
        assertThat(resumed.toJson()).isEqualTo(uninterrupted.toJson());
    }

    @Test
    void should_copy_deeply() {
        ValidationStats s = batch(1, 5, 1);
        ValidationStats c = s.copy();
        s.merge(batch(6, 5, 1));
        assertThat(c.records()).isEqualTo(5);
        assertThat(c.failures("enum:level")).isEqualTo(1);
    }
}
