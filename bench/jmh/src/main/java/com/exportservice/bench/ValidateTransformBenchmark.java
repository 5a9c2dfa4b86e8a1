package com.exportservice.bench;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.record.ExportRecord;
import com.exportservice.transform.RecordTransformer;
import com.exportservice.validation.RecordValidator;
import com.exportservice.validation.ValidationStats;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Validate + transform throughput for {@code logs} records, one thread, as the engine runs it: per
 * batch of {@value #BATCH} rows a fresh ValidationStats, each row validated then transformed (with and
 * without metadata). The score is records per second. Rows are generated once (fixed seed) to look like the
 * demo data: ~98% clean, ~2% imperfect (aliases and odd case, ANSI colour, broken JSON, bad trace ids,
 * missing message, future timestamps, timestamps as text).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ValidateTransformBenchmark {
    static final int BATCH = 1000;
    static final int ROWS = 20_000;

    /** The request's include_metadata: true (the default) parses json fields and scans text for pairs. */
    @Param({"true", "false"})
    public boolean includeMetadata;

    private RecordValidator validator;
    private RecordTransformer transformer;
    private Object[][] rows;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        DataType logs = logsType();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        // as the engine: with metadata, json fields are parsed once, by the validator, for the transformer
        validator = new RecordValidator(logs, clock, ZoneOffset.UTC, includeMetadata);
        transformer = new RecordTransformer(logs, ZoneOffset.UTC, includeMetadata);
        rows = LogRows.generate(ROWS, 42L);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ValidationStats validateAndTransform(Blackhole bh) {
        ValidationStats stats = validator.newStats();
        for (int i = 0; i < BATCH; i++) {
            Object[] source = rows[next];
            next = next + 1 == rows.length ? 0 : next + 1;
            // a copy, as the reader hands over fresh values each time (transformation is in place)
            ExportRecord r = new ExportRecord(source.clone(), source[0]);
            validator.validate(r, stats);
            transformer.transform(r);
            bh.consume(r);
        }
        return stats;
    }

    static DataType logsType() {
        return new DataType("logs", "logs", null, "id", "ts", List.of(
                FieldDef.of("id", FieldType.INTEGER),
                new FieldDef("ts", "timestamp", FieldType.TIMESTAMP, true, null, null, null),
                new FieldDef("level", "level", FieldType.ENUM, true,
                        List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"),
                        Map.of("warning", "WARN", "err", "ERROR", "crit", "FATAL", "critical", "FATAL",
                                "fine", "DEBUG", "information", "INFO"), null),
                new FieldDef("message", "message", FieldType.TEXT, true, null, null, null),
                FieldDef.of("source", FieldType.STRING),
                FieldDef.of("host", FieldType.STRING),
                new FieldDef("trace_id", "trace_id", FieldType.STRING, false, null, null,
                        Pattern.compile("[0-9a-f]{32}")),
                FieldDef.of("metadata", FieldType.JSON)));
    }

    /** Generates demo-like log rows as JDBC would return them from H2. */
    static final class LogRows {
        private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR", "TRACE", "FATAL"};
        private static final String[] SOURCES = {"api-gateway", "auth-service", "billing", "scheduler", "web-frontend"};
        /** {u} is a user name, {n} a number. */
        private static final String[] MESSAGES = {
            "Request completed successfully",
            "User {u} logged in from 10.0.{n}.{n}",
            "GET /api/orders/{n} returned 200 in {n} ms",
            "Cache miss for key order:{n}, loading from database",
            "Connection pool usage at {n}% user={u} status=ok",
            "Payment processed amount={n}.{n} currency=EUR order_id={n}",
            "Slow query detected: SELECT * FROM orders WHERE customer_id = ? took {n} ms",
            "Retrying request to upstream service attempt={n} of 5, backoff={n}ms",
            "Scheduled job 'nightly-cleanup' finished, removed {n} expired sessions",
            "Timeout while calling inventory-service after {n} ms; falling back to cached stock levels",
        };
        private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin"};

        static Object[][] generate(int count, long seed) {
            Random rnd = new Random(seed);
            Object[][] out = new Object[count][];
            LocalDateTime start = LocalDateTime.of(2026, 11, 1, 0, 0);
            for (int i = 0; i < count; i++) {
                long id = i + 1L;
                LocalDateTime ts = start.plusNanos((long) i * 1_234_567_891L);
                String level = LEVELS[rnd.nextInt(LEVELS.length)];
                String message = fill(MESSAGES[rnd.nextInt(MESSAGES.length)], rnd);
                String source = SOURCES[rnd.nextInt(SOURCES.length)];
                String host = "web-" + (1 + rnd.nextInt(12));
                String traceId = rnd.nextInt(10) < 7 ? hex(rnd, 32) : null;
                String metadata = rnd.nextBoolean()
                        ? "{\"request_id\":\"" + hex(rnd, 12) + "\",\"duration_ms\":" + rnd.nextInt(5000)
                                + ",\"region\":\"eu-west-" + (1 + rnd.nextInt(3)) + "\"}"
                        : null;
                Object tsValue = ts;
                if (rnd.nextInt(100) < 2) { // ~2% imperfect rows, one flaw each
                    switch (rnd.nextInt(8)) {
                        case 0 -> level = "warning";
                        case 1 -> level = "Verbose";
                        case 2 -> message = "\u001B[31m" + message + "\u001B[0m\r\n\tat com.example.Foo(Foo.java:42)";
                        case 3 -> metadata = "{\"request_id\": \"abc\", ";
                        case 4 -> traceId = "not-a-trace-id";
                        case 5 -> message = "   ";
                        case 6 -> tsValue = "2099-01-01T00:00:00Z";
                        default -> tsValue = ts.toString().replace('T', ' ');
                    }
                }
                out[i] = new Object[] {id, tsValue, level, message, source, host, traceId, metadata};
            }
            return out;
        }

        private static String fill(String template, Random rnd) {
            StringBuilder b = new StringBuilder(template);
            for (int at; (at = b.indexOf("{u}")) >= 0; ) {
                b.replace(at, at + 3, USERS[rnd.nextInt(USERS.length)]);
            }
            for (int at; (at = b.indexOf("{n}")) >= 0; ) {
                b.replace(at, at + 3, Integer.toString(rnd.nextInt(1000)));
            }
            return b.toString();
        }

        static String hex(Random rnd, int len) {
            char[] c = new char[len];
            for (int i = 0; i < len; i++) {
                c[i] = "0123456789abcdef".charAt(rnd.nextInt(16));
            }
            return new String(c);
        }
    }
}
