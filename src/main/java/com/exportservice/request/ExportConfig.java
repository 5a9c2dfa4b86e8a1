package com.exportservice.request;

import java.time.Instant;
import java.util.List;

/**
 * A checked export request (contract section 4). Build it with {@link ExportConfigParser}, which
 * reports every problem of a raw request at once.
 *
 * @param dataTypes       requested data types, distinct, in request order
 * @param startDate       inclusive lower bound on each data type's timestamp column, or null
 * @param endDate         exclusive upper bound, or null
 * @param filters         conditions, all of which must hold (AND); conditions on the same field are ANDed too
 * @param batchSize       rows per batch, 1..100000
 * @param includeMetadata whether records carry {@code metadata} and {@code context}
 * @param outputFormat    json, jsonl or csv
 * @param compression     whether the files go into one zip archive
 * @param name            optional label, at most 200 characters, or null
 * @param onInvalid       what to do with a record that fails validation
 */
public record ExportConfig(List<String> dataTypes, Instant startDate, Instant endDate,
                           List<FilterCondition> filters, int batchSize, boolean includeMetadata,
                           OutputFormat outputFormat, boolean compression, String name, OnInvalid onInvalid) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final int MAX_BATCH_SIZE = 100_000;
    public static final int MAX_NAME_LENGTH = 200;

    public ExportConfig {
        dataTypes = List.copyOf(dataTypes);
        filters = filters == null ? List.of() : List.copyOf(filters);
    }
}
