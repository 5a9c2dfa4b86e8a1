package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.output.DataFile;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.OnInvalid;
import com.exportservice.request.OutputFormat;
import com.exportservice.source.Batch;
import com.exportservice.source.BatchCursor;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.validation.ValidationStats;
import com.exportservice.status.StateStore;
import com.exportservice.status.StatusTracker;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch split over several workers ({@link RecordWorkers}) gives the file, the validation counts and
 * the checkpoint a batch processed in one piece gives: same bytes in the same order, for every format
 * and every on_invalid, across batches (separators of json carry on, also into a batch too small to
 * split), with chunks whose records are all skipped.
 */
class ParallelBatchTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T04:13:03Z"), ZoneOffset.UTC);
    private static final DataType LOGS = new DataType("logs", "logs", null, "id", "ts", List.of(
            new FieldDef("id", "id", FieldType.INTEGER, true, List.of(), Map.of(), null),
            new FieldDef("ts", "timestamp", FieldType.TIMESTAMP, true, List.of(), Map.of(), null),
            new FieldDef("level", "level", FieldType.ENUM, true, List.of("INFO", "WARN", "ERROR"), Map.of("warning", "WARN"), null),
            new FieldDef("message", "message", FieldType.TEXT, true, List.of(), Map.of(), null),
            new FieldDef("trace_id", "trace_id", FieldType.STRING, false, List.of(), Map.of(), Pattern.compile("[0-9a-f]{8}")),
            new FieldDef("metadata", "metadata", FieldType.JSON, false, List.of(), Map.of(), null)));
    private static final RecordWorkers WORKERS = RecordWorkers.of(3, r -> {
        Thread t = new Thread(r, "test-records");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    Path dir;
    private StatusTracker status;

    @BeforeEach
    void store() throws Exception {
        JdbcDataSource storeDb = new JdbcDataSource();
        storeDb.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        StateStore store = new StateStore(storeDb);
        store.init();
        status = new StatusTracker(store, CLOCK, 100, 100);
    }

    @AfterAll
    static void stopWorkers() {
        WORKERS.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (OutputFormat format : OutputFormat.values()) {
            for (OnInvalid onInvalid : List.of(OnInvalid.INCLUDE, OnInvalid.SKIP)) {
                for (boolean metadata : List.of(true, false)) {
                    cases.add(Arguments.of(format, onInvalid, metadata));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, on_invalid {1}, metadata {2}")
    @MethodSource("cases")
    void should_write_what_one_piece_writes_when_a_batch_is_split(OutputFormat format, OnInvalid onInvalid, boolean metadata)
            throws Exception {
        // given: batches of 1500, 1500 and 100 records; in the first, the first 600 records are invalid
        // (whole chunks skipped)
        Result oneThread = export(new BatchSteps(), 1, format, onInvalid, metadata);
        Result split = export(new BatchSteps(WORKERS), WORKERS.slots(), format, onInvalid, metadata);

        // then
        assertThat(WORKERS.chunks(1500, WORKERS.slots())).isEqualTo(11);
        assertThat(split.bytes).isEqualTo(oneThread.bytes);
        assertThat(split.stats).isEqualTo(oneThread.stats);
        assertThat(split.checkpoints).hasSameSizeAs(oneThread.checkpoints);
        for (int b = 0; b < split.checkpoints.size(); b++) {
            BatchCheckpoint one = oneThread.checkpoints.get(b);
            assertThat(split.checkpoints.get(b)).usingRecursiveComparison().ignoringFields("exportId").isEqualTo(one);
        }
        assertThat(split.stats.get(0).invalid()).as("a whole chunk and more invalid").isGreaterThan(600);
    }

    @Test
    void should_name_the_first_invalid_record_under_on_invalid_fail_when_a_batch_is_split() throws Exception {
        Path out = Files.createDirectories(dir.resolve("fail"));
        ExportRun run = run(out, WORKERS.slots(), OutputFormat.JSONL, OnInvalid.FAIL, true);
        BatchSteps steps = new BatchSteps(WORKERS);
        List<ExportRecord> records = new ArrayList<>();
        for (long id = 1; id <= 1500; id++) {
            // invalid: 700 (sixth of eleven chunks) and 1200 (ninth)
            records.add(record(id, id == 700 || id == 1200 ? "VERBOSE" : "INFO", 1));
        }
        Batch batch = new Batch("logs", null, 1500L, records, false);
        assertThatThrownBy(() -> steps.validate(batch, run))
                .isInstanceOf(ExportAbortedException.class)
                .hasMessage("record 700 of logs failed validation (on_invalid: fail): enum:level");
    }

    @Test
    void should_keep_small_batches_in_one_piece() {
        assertThat(WORKERS.chunks(RecordWorkers.MIN_CHUNK * 2 - 1, WORKERS.slots())).isEqualTo(1);
        assertThat(WORKERS.chunks(3 * RecordWorkers.MIN_CHUNK, WORKERS.slots())).isEqualTo(3);
        assertThat(WORKERS.chunks(100_000, WORKERS.slots())).isEqualTo(12);
        assertThat(WORKERS.chunks(10_000, 1)).as("one slot").isEqualTo(1);
        assertThat(RecordWorkers.sequential().chunks(10_000, 12)).isEqualTo(1);
    }

    private record Result(byte[] bytes, List<ValidationStats> stats, List<BatchCheckpoint> checkpoints) {
    }

    private Result export(BatchSteps steps, int slots, OutputFormat format, OnInvalid onInvalid, boolean metadata) throws Exception {
        Path out = Files.createDirectories(dir.resolve(slots + "-" + format + "-" + onInvalid + "-" + metadata));
        ExportRun run = run(out, slots, format, onInvalid, metadata);
        List<ValidationStats> stats = new ArrayList<>();
        List<BatchCheckpoint> checkpoints = new ArrayList<>();
        int[] sizes = {1500, 1500, 100}; // the last one too small to split: written straight after split ones
        long first = 1;
        for (int b = 0; b < sizes.length; b++) {
            List<ExportRecord> records = new ArrayList<>();
            for (long id = first; id < first + sizes[b]; id++) {
                boolean invalid = (b == 0 && id <= 600) || id % 7 == 0;
                records.add(record(id, invalid ? "VERBOSE" : id % 5 == 0 ? "warning" : "INFO", id));
            }
            boolean last = b == sizes.length - 1;
            Batch batch = new Batch("logs", b == 0 ? null : first - 1, first + sizes[b] - 1, records, last);
            first += sizes[b];
            ValidationStats s = steps.validate(batch, run);
            steps.transform(batch, run);
            BatchCheckpoint cp = steps.write(batch, run, s);
            run.current.commit(status.persist(cp), last);
            stats.add(s);
            checkpoints.add(cp);
        }
        run.current.writer.writeFooter();
        run.current.writer.flush();
        run.current.close();
        String name = "logs." + format.extension() + ".part";
        return new Result(Files.readAllBytes(out.resolve(name)), stats, checkpoints);
    }

    private ExportRun run(Path out, int slots, OutputFormat format, OnInvalid onInvalid, boolean metadata) throws Exception {
        String exportId = status.create(List.of("logs"), null, "{}", "http", null, out).exportId();
        status.start(exportId);
        status.planned(exportId, "logs", 3100, 3, "3100");
        ExportConfig config = new ExportConfig(List.of("logs"), null, null, List.of(), 1500, metadata, format,
                false, null, onInvalid);
        ExportRun run = new ExportRun(exportId, config, out, "2026-11-26T04:13:03.000Z", List.of(LOGS), 1500);
        RecordProcessors processors = RecordProcessors.standard(CLOCK, ZoneOffset.UTC);
        RecordProcessors.Validation[] validators = new RecordProcessors.Validation[slots];
        RecordProcessors.Transformation[] transformers = new RecordProcessors.Transformation[slots];
        for (int i = 0; i < slots; i++) {
            validators[i] = processors.validator(LOGS, metadata);
            transformers[i] = processors.transformer(LOGS, metadata);
        }
        String file = "logs." + format.extension();
        run.current = new DataTypeRun(LOGS, file, new DataFile(out, file), new BatchCursor(null, null, Runnable::run),
                validators, transformers, "3100", new RecordContext("logs", "exp-1", "2026-11-26T04:13:03.000Z", metadata), format);
        run.current.openAt(BatchCheckpoint.start(exportId, "logs", null, 0));
        return run;
    }

    /** A logs record with values of every kind of work: a timestamp, an enum, text with pairs, a pattern, json. */
    private static ExportRecord record(long id, String level, long n) {
        String message = n % 3 == 0 ? "user=u" + n + " took " + n + "ms,  status=\"ok\u0007 done\"" : "plain \u001b[31mred\u001b[0m line " + n;
        String trace = n % 4 == 0 ? null : n % 11 == 0 ? "NOT-HEX" : String.format("%08x", n);
        String json = n % 10 == 0 ? "{broken" : n % 2 == 0 ? "{\"n\": " + n + ", \"tags\": [\"a\", 1.50, null], \"user\": \"j\u00e9\"}" : null;
        return new ExportRecord(new Object[] {id, java.time.LocalDateTime.of(2026, 11, 1, 0, 0).plusSeconds(n), level, message, trace, json}, id);
    }
}
