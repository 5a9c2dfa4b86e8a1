package com.exportservice.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The csv libraries the issue names, printing the cells of transformed {@code logs} records (what
 * CsvRecordWriter hands its printer: id, timestamp, level, message, source, host, trace id, and the
 * metadata and context cells as JSON text, full of quotes) as RFC 4180 UTF-8 into a byte sink. The score
 * is records per second.
 * <ul>
 *   <li>{@code commonsCsvWriter}: Commons CSV over a BufferedWriter and an OutputStreamWriter (the
 *       service before issue 8);</li>
 *   <li>{@code commonsCsvStringBuilder}: Commons CSV into a StringBuilder, encoded per 8K chars (the
 *       service now);</li>
 *   <li>{@code jacksonCsv}: jackson-dataformat-csv's streaming CsvGenerator, a row per root array,
 *       CRLF, strict (minimal) quoting.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class CsvLibrariesBenchmark {
    static final int ROWS = 10_000;
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};

    private String[][] rows;
    private final Sink sink = new Sink();

    @Setup
    public void rows() {
        Random random = new Random(42);
        rows = new String[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            String user = "u" + random.nextInt(5000);
            String message = "request " + i + " handled user=" + user + " duration_ms=" + random.nextInt(900) + " status=200";
            String metadata = "{\"user\":\"" + user + "\",\"duration_ms\":\"" + random.nextInt(900)
                    + "\",\"region\":\"eu-west-" + random.nextInt(3) + "\",\"attempt\":" + random.nextInt(4) + "}";
            rows[i] = new String[] {
                    Long.toString(i + 1L), "2026-11-26T04:13:" + String.format("%02d", i % 60) + ".123Z",
                    LEVELS[random.nextInt(LEVELS.length)], message, "api-gateway", "host-" + random.nextInt(20) + ".example.com",
                    random.nextInt(10) < 7 ? Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) : null,
                    metadata,
                    "{\"data_type\":\"logs\",\"export_id\":\"exp-01M8MQQQGNB9W1RCBDB7WJH4GV\",\"exported_at\":\"2026-11-26T04:13:03.000Z\"}"};
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long commonsCsvWriter() throws IOException {
        sink.count = 0;
        CSVPrinter printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 64 * 1024),
                CSVFormat.RFC4180);
        for (String[] row : rows) {
            for (String cell : row) {
                printer.print(cell);
            }
            printer.println();
        }
        printer.flush();
        return sink.count;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long commonsCsvStringBuilder() throws IOException {
        sink.count = 0;
        StringBuilder text = new StringBuilder(16 * 1024);
        CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180);
        for (String[] row : rows) {
            for (String cell : row) {
                printer.print(cell);
            }
            printer.println();
            if (text.length() >= 8 * 1024) {
                sink.write(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
        }
        sink.write(text.toString().getBytes(StandardCharsets.UTF_8));
        return sink.count;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long jacksonCsv() throws IOException {
        sink.count = 0;
        CsvFactory factory = CsvFactory.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
        try (CsvGenerator gen = factory.createGenerator(sink, JsonEncoding.UTF8)) {
            gen.setSchema(CsvSchema.emptySchema().withLineSeparator("\r\n"));
            for (String[] row : rows) {
                gen.writeStartArray();
                for (String cell : row) {
                    if (cell == null) {
                        gen.writeNull();
                    } else {
                        gen.writeString(cell);
                    }
                }
                gen.writeEndArray();
            }
        }
        return sink.count;
    }

    /** Counts the bytes and drops them. */
    static final class Sink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
