package com.exportservice.bench;

import com.exportservice.config.DataType;
import com.exportservice.output.RecordEncoder;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;
import com.exportservice.transform.RecordTransformer;
import com.exportservice.validation.RecordValidator;
import com.exportservice.validation.ValidationStats;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole per-record path of a jsonl (or json, csv) export on one thread, as the engine runs a chunk:
 * validate, transform (with metadata), encode into a {@link RecordEncoder}'s buffer; a batch of
 * {@value #BATCH} rows per op group. Rows are shaped like bench/logs-table.sql (messages with
 * {@code key=value} pairs, 90% with a JSON metadata object, a third of those with a nested object,
 * 70% with a trace id, about 2% imperfect). The score is records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ExportPathBenchmark {
    static final int BATCH = 2000;
    static final int ROWS = 20_000;

    @Param({"JSONL"})
    public OutputFormat format;

    private RecordValidator validator;
    private RecordTransformer transformer;
    private RecordEncoder encoder;
    private Object[][] rows;
    private int next;
    private long before;
    long sink;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        DataType logs = ValidateTransformBenchmark.logsType();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        validator = new RecordValidator(logs, clock, ZoneOffset.UTC, true);
        transformer = new RecordTransformer(logs, ZoneOffset.UTC, true);
        encoder = RecordEncoder.create(format, logs,
                new RecordContext("logs", "exp-01M8NEFFG0DPRB2X60KY5WDHY6", "2026-11-30T05:22:41.244Z", true));
        rows = BenchRows.generate(ROWS, 7L);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ValidationStats validateTransformEncode() throws IOException {
        ValidationStats stats = validator.newStats();
        encoder.begin(before);
        for (int i = 0; i < BATCH; i++) {
            encoder.write(nextRecord(stats));
        }
        encoder.end();
        before += BATCH;
        return stats;
    }

    /** Validation and transformation alone, the part all formats share: no encoding. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ValidationStats validateTransform() {
        ValidationStats stats = validator.newStats();
        for (int i = 0; i < BATCH; i++) {
            String json = nextRecord(stats).metadataJson();
            sink += json == null ? 0 : json.length(); // used: nothing of the work can be left out
        }
        return stats;
    }

    /**
     * The same work in the engine's order: the whole batch validated and transformed, then the whole
     * batch encoded (two steps of the route), so the records' values are no longer in the CPU's caches
     * when they are written.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ValidationStats validateTransformThenEncode() throws IOException {
        ValidationStats stats = validator.newStats();
        ExportRecord[] batch = new ExportRecord[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = nextRecord(stats);
        }
        encoder.begin(before);
        for (ExportRecord r : batch) {
            encoder.write(r);
        }
        encoder.end();
        before += BATCH;
        return stats;
    }

    /** The next row as a record (a copy: transformation is in place), validated and transformed. */
    private ExportRecord nextRecord(ValidationStats stats) {
        Object[] source = rows[next];
        next = next + 1 == rows.length ? 0 : next + 1;
        ExportRecord r = new ExportRecord(source.clone(), source[0]);
        validator.validate(r, stats);
        transformer.transform(r);
        return r;
    }

    /** Rows like those of bench/logs-table.sql, as the PostgreSQL driver returns them. */
    static final class BenchRows {
        private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR", "TRACE"};
        private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"};
        private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};

        static Object[][] generate(int count, long seed) {
            Random rnd = new Random(seed);
            Object[][] out = new Object[count][];
            LocalDateTime start = LocalDateTime.of(2026, 10, 2, 0, 0);
            for (int i = 0; i < count; i++) {
                long id = i + 1L;
                LocalDateTime ts = start.plusNanos((long) i * 2_900_000_000L + rnd.nextInt(1000) * 1_000_000L);
                String level = LEVELS[rnd.nextInt(LEVELS.length)];
                String usr = USERS[rnd.nextInt(USERS.length)];
                String method = METHODS[rnd.nextInt(METHODS.length)];
                String message = switch (rnd.nextInt(6)) {
                    case 0 -> "request completed method=" + method + " path=/api/checkout status=200 user=" + usr
                            + " request_id=req-" + ValidateTransformBenchmark.LogRows.hex(rnd, 12) + " duration_ms=" + rnd.nextInt(400);
                    case 1 -> "user login succeeded user=" + usr + " ip=10.0." + rnd.nextInt(256) + "." + rnd.nextInt(256) + " method=password";
                    case 2 -> "order created order_id=ord-" + (100000 + rnd.nextInt(900000)) + " user=" + usr + " items="
                            + (1 + rnd.nextInt(6)) + " total=" + (5 + rnd.nextInt(300)) + "." + (10 + rnd.nextInt(90)) + " currency=EUR";
                    case 3 -> "span started span_id=" + ValidateTransformBenchmark.LogRows.hex(rnd, 16) + " parent_id=" + ValidateTransformBenchmark.LogRows.hex(rnd, 16);
                    case 4 -> "address updated user=" + usr + " city=Zürich note=café";
                    default -> "scheduled job finished job=cleanup-sessions removed=" + rnd.nextInt(200) + " duration_ms=" + (100 + rnd.nextInt(2000));
                };
                String source = "payments";
                String host = "web-0" + (1 + rnd.nextInt(8));
                String traceId = rnd.nextInt(10) < 7 ? ValidateTransformBenchmark.LogRows.hex(rnd, 32) : null;
                String metadata = rnd.nextInt(10) == 0 ? null
                        : "{\"thread\":\"worker-" + rnd.nextInt(16) + "\",\"pid\":" + (1000 + rnd.nextInt(30000))
                        + ",\"region\":\"eu-central-1\",\"version\":\"2.4." + rnd.nextInt(3) + "\""
                        + (rnd.nextInt(3) == 0 ? ",\"http\":{\"method\":\"" + method + "\",\"status\":" + (rnd.nextBoolean() ? 200 : 404) + "}" : "")
                        + "}";
                Object tsValue = ts;
                if (rnd.nextInt(600) < 11) { // 1.8% imperfect rows, one flaw each
                    switch (rnd.nextInt(6)) {
                        case 0 -> level = "warning";
                        case 1 -> level = "VERBOSE";
                        case 2 -> message = "\u001B[1;31m" + level + "\u001B[0m " + message;
                        case 3 -> metadata = "{\"user\": \"" + usr + "\", \"retry\": }";
                        case 4 -> traceId = "N/A";
                        default -> tsValue = ts.plusYears(2);
                    }
                }
                out[i] = new Object[] {id, tsValue, level, message, source, host, traceId, metadata};
            }
            return out;
        }
    }
}
