package com.exportservice.bench;

import com.exportservice.config.DataType;
import com.exportservice.output.RecordWriter;
import com.exportservice.output.RecordWriters;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;
import com.exportservice.transform.RecordTransformer;
import com.exportservice.validation.RecordValidator;
import com.exportservice.validation.ValidationStats;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The service's own record writers (RecordWriters, as the engine's encoders use them) writing
 * {@value #ROWS} validated and transformed {@code logs} records with metadata (the request's default)
 * into a byte sink: csv against jsonl, the write step alone. The score is records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RecordWriterBenchmark {
    static final int ROWS = 10_000;

    @Param({"CSV", "JSONL"})
    public OutputFormat format;

    /**
     * {@code demo}: the demo data's rows (ValidateTransformBenchmark.LogRows, half with metadata);
     * {@code table}: rows like the end-to-end benchmark's table (ExportPathBenchmark.BenchRows, 90% with metadata).
     */
    @Param({"demo"})
    public String rows;

    private DataType logs;
    private ExportRecord[] records;
    private final RecordContext context = new RecordContext("logs", "exp-01M8MQQQGNB9W1RCBDB7WJH4GV", "2026-11-26T04:13:03.000Z", true);
    private final CsvLibrariesBenchmark.Sink sink = new CsvLibrariesBenchmark.Sink();

    @Setup
    public void records() {
        logs = ValidateTransformBenchmark.logsType();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        RecordValidator validator = new RecordValidator(logs, clock, ZoneOffset.UTC, true);
        RecordTransformer transformer = new RecordTransformer(logs, ZoneOffset.UTC, true);
        Object[][] rows = "table".equals(this.rows)
                ? ExportPathBenchmark.BenchRows.generate(ROWS, 7L)
                : ValidateTransformBenchmark.LogRows.generate(ROWS, 42L);
        ValidationStats stats = validator.newStats();
        records = new ExportRecord[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ExportRecord r = new ExportRecord(rows[i], rows[i][0]);
            validator.validate(r, stats);
            transformer.transform(r);
            records[i] = r;
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long write() throws IOException {
        sink.count = 0;
        RecordWriter writer = RecordWriters.create(format, logs, context, sink, 0);
        writer.writeHeader();
        for (ExportRecord r : records) {
            writer.write(r);
        }
        writer.writeFooter();
        writer.flush();
        return sink.count;
    }
}
