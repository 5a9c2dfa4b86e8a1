package com.exportservice.source;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Splitting a planned key range into partitions of about equal rows. */
class KeySplitTest {

    @Test
    void should_end_partitions_at_rows_that_make_them_about_equal() {
        assertThat(KeySplit.lastRowOffsets(1_000_000, 3)).containsExactly(333_332, 666_665);
        assertThat(KeySplit.lastRowOffsets(10, 2)).containsExactly(4);
        assertThat(KeySplit.lastRowOffsets(7, 1)).isEmpty();
    }

    @Test
    void should_give_each_row_to_exactly_one_partition_with_sizes_differing_by_one_at_most() {
        for (long rows : new long[] {2, 3, 10, 11, 999, 1_000_001}) {
            for (int parts = 2; parts <= 7; parts++) {
                long[] last = KeySplit.lastRowOffsets(rows, parts);
                long previous = -1;
                long min = Long.MAX_VALUE;
                long max = 0;
                for (int i = 0; i <= last.length; i++) {
                    long end = i < last.length ? last[i] : rows - 1;
                    long size = end - previous;
                    min = Math.min(min, size);
                    max = Math.max(max, size);
                    previous = end;
                }
                assertThat(previous).isEqualTo(rows - 1);
                assertThat(min).as("rows %d parts %d", rows, parts).isGreaterThanOrEqualTo(1);
                assertThat(max - min).as("rows %d parts %d", rows, parts).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void should_not_make_more_partitions_than_rows() {
        assertThat(KeySplit.lastRowOffsets(2, 5)).containsExactly(0);
        assertThat(KeySplit.lastRowOffsets(0, 3)).isEmpty();
        assertThatThrownBy(() -> KeySplit.lastRowOffsets(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_bound_partitions_from_the_start_key_to_the_high_water_mark() {
        assertThat(KeySplit.bounds(null, List.of(333L, 666L), 1000L)).containsExactly(null, "333", "666", "1000");
        assertThat(KeySplit.bounds(100L, List.of(400L), 1000L)).containsExactly("100", "400", "1000");
    }

    @Test
    void should_drop_repeated_or_missing_keys_so_that_no_partition_is_empty() {
        // keys the database could not give (rows gone since the count), or one repeated, or the high-water mark itself
        assertThat(KeySplit.bounds(null, Arrays.asList(5L, 5L, null, 1000L), 1000L)).containsExactly(null, "5", "1000");
        assertThat(KeySplit.bounds(5L, List.of(5L), 9L)).containsExactly("5", "9");
    }
}
