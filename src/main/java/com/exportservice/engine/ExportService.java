package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigJson;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.security.LogText;
import com.exportservice.source.DataTypePlan;
import com.exportservice.source.SourceReader;
import com.exportservice.status.ExportStatus;
import com.exportservice.status.StatusTracker;
import com.exportservice.time.Timestamps;
import com.exportservice.transform.RecordTransformer;
import com.exportservice.validation.RecordValidator;
import com.exportservice.validation.ValidationStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts exports, whatever the trigger (HTTP, inbox file, schedule, command line): checks the request,
 * records it pending and hands its id to the engine's queue. Also answers previews.
 */
public final class ExportService {
    /** The engine's queue: an asynchronous hand-off, consumed by at most max-concurrent-exports threads. */
    public static final String QUEUE = "seda:export-queue";
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);

    private final DataTypes dataTypes;
    private final StatusTracker status;
    private final SourceReader source;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ZoneId sourceZone;
    private final Path outputRoot;
    private ProducerTemplate producer;

    public ExportService(DataTypes dataTypes, StatusTracker status, SourceReader source, ObjectMapper mapper,
                         Clock clock, ZoneId sourceZone, Path outputRoot) {
        this.dataTypes = dataTypes;
        this.status = status;
        this.source = source;
        this.mapper = mapper;
        this.clock = clock;
        this.sourceZone = sourceZone;
        this.outputRoot = outputRoot;
    }

    /** Connects the service to the running Camel context's queue. */
    public void connect(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Checks a request and queues it; the returned status is {@code pending}. */
    public ExportStatus submit(JsonNode request, String trigger) {
        return submit(request, trigger, null, outputRoot);
    }

    /**
     * Checks a request and queues it for a caller (HTTP).
     *
     * @param requestedBy the token's name, or {@code anonymous}
     */
    public ExportStatus submit(JsonNode request, String trigger, String requestedBy) {
        return submit(request, trigger, null, requestedBy, outputRoot, Map.of());
    }

    /**
     * Checks a request and queues it.
     *
     * @param scheduleId the schedule that fired it, or null
     * @param outputRoot the directory the export directory goes under
     */
    public ExportStatus submit(JsonNode request, String trigger, String scheduleId, Path outputRoot) {
        return submit(request, trigger, scheduleId, outputRoot, Map.of());
    }

    /**
     * Checks a request and queues it as an incremental export: per data type only rows whose key is
     * above the given one (text form, as in the manifest's high_water_mark).
     */
    public ExportStatus submit(JsonNode request, String trigger, String scheduleId, Path outputRoot,
                               Map<String, String> startAfterKeys) {
        return submit(request, trigger, scheduleId, StatusTracker.requestedBy(trigger, scheduleId), outputRoot, startAfterKeys);
    }

    private ExportStatus submit(JsonNode request, String trigger, String scheduleId, String requestedBy, Path outputRoot,
                                Map<String, String> startAfterKeys) {
        ExportConfig config = ExportConfigParser.parse(request, dataTypes);
        String json = ExportConfigJson.toJson(config).toString();
        ExportStatus created = status.create(config.dataTypes(), config.name(), json, trigger, scheduleId, requestedBy,
                outputRoot, startAfterKeys);
        // the audit line, once per export: who, how, and what (the checked request holds no secret)
        LOG.info("export {} requested by {} (trigger {}): {}", created.exportId(), LogText.safe(requestedBy, 100), trigger,
                LogText.safe(json, 2000));
        enqueue(created.exportId());
        return created;
    }

    /** Queues an export that is pending in the status (new, retried or recovered after a restart). */
    public void enqueue(String exportId) {
        producer.sendBody(QUEUE, exportId);
    }

    /** Counts and up to five sample records per data type, validated and transformed; creates nothing. */
    public JsonNode preview(JsonNode request) throws SQLException {
        ExportConfig config = ExportConfigParser.parse(request, dataTypes);
        Map<String, Object> counts = new LinkedHashMap<>();
        Map<String, Object> samples = new LinkedHashMap<>();
        long total = 0;
        String now = Timestamps.format(clock.instant());
        for (String name : config.dataTypes()) {
            DataType type = dataTypes.get(name).orElseThrow();
            DataTypePlan plan = source.plan(type, config);
            counts.put(name, Map.of("total_records", plan.totalRecords()));
            total += plan.totalRecords();
            List<ExportRecord> records = source.sample(type, config, plan, 5);
            RecordValidator validator = new RecordValidator(type, clock, sourceZone);
            RecordTransformer transformer = new RecordTransformer(type, sourceZone, config.includeMetadata());
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
