package com.exportservice.status;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportIdsTest {
    @Test
    void should_make_valid_ids_that_sort_by_creation_even_within_one_millisecond() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(ExportIds.next(1_700_000_000_000L + i / 100));
        }
        assertThat(ids).allMatch(ExportIds::isValid).doesNotHaveDuplicates().isSorted();
        assertThat(ids.get(0)).startsWith("exp-").hasSize(30);
    }
}
