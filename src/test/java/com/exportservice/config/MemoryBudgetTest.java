package com.exportservice.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The largest batch the heap admits: batch rows × fields × bytes per field × running exports within a share of -Xmx. */
class MemoryBudgetTest {
    private static final long MB = 1024 * 1024;

    @Test
    void should_lower_the_batches_of_two_exports_of_the_widest_demo_type_to_what_a_256_mb_heap_holds() {
        MemoryBudget budget = new MemoryBudget(256 * MB, 0.4, 256, 2);

        // 256 MB × 0.4 / 2 exports = 51.2 MB each; logs has 8 fields of 256 bytes: 2 KB a record
        int logs = budget.maxBatchSize(DemoDataTypes.LOGS);
        assertThat(logs).isEqualTo(26_214);
        assertThat(budget.batchSize(100_000, List.of(DemoDataTypes.LOGS, DemoDataTypes.EVENTS))).isEqualTo(26_214);
        assertThat(budget.batchSize(100_000, List.of(DemoDataTypes.METRICS))).isEqualTo(29_959);
        assertThat(budget.batchSize(1_000, List.of(DemoDataTypes.LOGS))).as("what fits is kept").isEqualTo(1_000);
    }

    @Test
    void should_share_the_budget_among_more_concurrent_exports_and_never_go_below_one_row() {
        assertThat(new MemoryBudget(256 * MB, 0.4, 256, 8).maxBatchSize(DemoDataTypes.LOGS)).isEqualTo(6_553);
        assertThat(new MemoryBudget(MB, 0.01, 1_000_000, 64).maxBatchSize(DemoDataTypes.LOGS)).isEqualTo(1);
        assertThat(new MemoryBudget(64L * 1024 * MB, 0.4, 256, 1).maxBatchSize(DemoDataTypes.LOGS)).isEqualTo(100_000);
    }

    @Test
    void should_say_why_a_batch_size_was_lowered_naming_heap_exports_and_setting() {
        assertThat(new MemoryBudget(256 * MB, 0.4, 256, 2).lowered(100_000, 26_214)).isEqualTo("batch_size 100000 lowered to 26214 "
                + "to fit the memory budget (256 MB heap, 2 concurrent export(s), exporter.memory.batch-heap-share=0.4); the output is the same");
    }

    @Test
    void should_refuse_a_share_that_is_no_share_of_the_heap(@org.junit.jupiter.api.io.TempDir Path dir) {
        for (String bad : new String[]{"0", "1.5", "half", "-0.2"}) {
            Settings s = Settings.load(dir, Map.of(), new Properties(), Map.of(MemoryBudget.SHARE, bad));
            assertThatThrownBy(() -> MemoryBudget.of(s, 2)).isInstanceOf(ConfigException.class)
                    .hasMessage(MemoryBudget.SHARE + " must be a number above 0 and at most 1, got '" + bad + "' (from override)");
        }
        Settings defaults = Settings.load(dir, Map.of(), new Properties(), Map.of());
        MemoryBudget budget = MemoryBudget.of(defaults, 3);
        assertThat(budget.heapShare()).isEqualTo(0.4);
        assertThat(budget.bytesPerField()).isEqualTo(256);
        assertThat(budget.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
    }
}
