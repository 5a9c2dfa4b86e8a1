package com.exportservice.demo;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DemoData#seed} did.
 *
 * @param createdTables tables that did not exist before
 * @param insertedRows  rows inserted per table, in seeding order (0 for a table that already held rows)
 * @param elapsed       wall-clock time of the whole seed
 */
public record DemoSeedResult(List<String> createdTables, Map<String, Integer> insertedRows, Duration elapsed) {

    public DemoSeedResult {
        createdTables = List.copyOf(createdTables);
        insertedRows = Collections.unmodifiableMap(new LinkedHashMap<>(insertedRows));
    }

    public long totalInserted() {
        return insertedRows.values().stream().mapToLong(Integer::longValue).sum();
    }
}
