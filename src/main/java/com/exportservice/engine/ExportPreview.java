package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.source.DataTypePlan;
import com.exportservice.source.QueryGuard;
import com.exportservice.source.SourceReader;
import com.exportservice.time.Timestamps;
import com.exportservice.validation.ValidationStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a preview ({@code POST /api/exports/preview}): per data type the count an export would plan and
 * up to five sample records, validated and transformed as an export writes them. Creates nothing.
 */
public final class ExportPreview {
    public static final String TIMEOUT_SETTING = "exporter.source.preview-timeout";
    private final DataTypes dataTypes;
    private final SourceReader source;
    private final ObjectMapper mapper;
    private final RecordProcessors processors;
    private final Clock clock;
    private final Duration timeout;
    private final java.util.concurrent.Semaphore slots;
    private final int maxConcurrent;

    /**
     * @param processors the same validation and transformation an export applies
     * @param timeout    how long the queries of one preview may take together ({@value #TIMEOUT_SETTING})
     * @param maxConcurrent previews answered at once: each holds a source connection for up to {@code timeout},
     *                      and the running exports must keep theirs
     */
    public ExportPreview(DataTypes dataTypes, SourceReader source, ObjectMapper mapper, RecordProcessors processors, Clock clock,
                         Duration timeout, int maxConcurrent) {
        this.timeout = timeout;
        this.maxConcurrent = maxConcurrent;
        this.slots = new java.util.concurrent.Semaphore(maxConcurrent);
        this.dataTypes = dataTypes;
        this.source = source;
        this.mapper = mapper;
        this.processors = processors;
        this.clock = clock;
    }

    /** More previews are being answered than the source connections left by the exports allow. */
    public static final class BusyException extends RuntimeException {
        BusyException(int max) {
            super(max + " previews are being answered; try again when one is done", null, false, false);
        }
    }

    /** A new preview's bound: all its queries together within the timeout, cancellable when its client goes away. */
    public QueryGuard guard() {
        return QueryGuard.deadline(timeout, TIMEOUT_SETTING, clock);
    }

    /**
     * Counts and up to five sample records per data type, validated and transformed; creates nothing.
     *
     * @param queries bounds the preview's queries together and cancels them when the client goes away
     */
    public JsonNode preview(JsonNode request, QueryGuard queries) throws SQLException {
        return preview(request, null, queries);
    }

    /**
     * As {@link #preview(JsonNode, QueryGuard)}, narrowed to the record whose key (the data type's id column)
     * is {@code id} when given: how a person looks at a record a validation report names.
     *
     * @throws InvalidExportConfigException naming {@code id} when a data type has no field for its key or the
     *                                      value does not fit it
     */
    public JsonNode preview(JsonNode request, String id, QueryGuard queries) throws SQLException {
        ExportConfig config = ExportConfigParser.parse(request, dataTypes);
        if (id != null) {
            config = PreviewById.narrow(config, id, dataTypes);
        }
        if (!slots.tryAcquire()) {
            throw new BusyException(maxConcurrent);
        }
        try {
            return preview(config, queries);
        } finally {
            slots.release();
        }
    }

    private JsonNode preview(ExportConfig config, QueryGuard queries) throws SQLException {
        Map<String, Object> counts = new LinkedHashMap<>();
        Map<String, Object> samples = new LinkedHashMap<>();
        long total = 0;
        String now = Timestamps.format(clock.instant());
        for (String name : config.dataTypes()) {
            DataType type = dataTypes.get(name).orElseThrow();
            DataTypePlan plan = source.plan(type, config, queries);
            counts.put(name, Map.of("total_records", plan.totalRecords()));
            total += plan.totalRecords();
            List<ExportRecord> records = source.sample(type, config, plan, 5, queries);
            RecordProcessors.Validation validator = processors.validator(type);
            RecordProcessors.Transformation transformer = processors.transformer(type, config.includeMetadata());
            ValidationStats ignored = new ValidationStats();
            RecordContext context = new RecordContext(name, null, now, config.includeMetadata());
            samples.put(name, records.stream().map(r -> {
                validator.validate(r, ignored);
                transformer.transform(r);
                return PreviewRecords.toJson(r, type, context, mapper);
            }).toList());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data_types", counts);
        body.put("total_records", total);
        body.put("sample", samples);
        return mapper.valueToTree(body);
    }
}
