package com.exportservice.bench;

import com.exportservice.request.OutputFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * RecordWriterBenchmark's write measured in CPU time of its own thread rather than throughput: on a
 * machine shared with other work, a thread's CPU nanoseconds per record move far less than its rate.
 * {@code java -cp target/benchmarks.jar com.exportservice.bench.CpuPerRecord CSV [rounds] [records per round] [demo|table]}:
 * the lowest and the median of the rounds (default 15 rounds of 1M records). Short rounds (10,000 records,
 * a few milliseconds) give a steadier lowest on a busy machine: some of them run while the other hardware
 * thread of the core is idle. The last argument picks the rows (RecordWriterBenchmark's {@code rows}: the demo
 * data's, default, or rows like the end-to-end benchmark's table).
 */
public final class CpuPerRecord {
    private CpuPerRecord() {
    }

    public static void main(String[] args) throws Exception {
        RecordWriterBenchmark b = new RecordWriterBenchmark();
        b.format = OutputFormat.valueOf(args.length > 0 ? args[0] : "CSV");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int writes = (args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000) / RecordWriterBenchmark.ROWS;
        b.rows = args.length > 3 ? args[3] : "demo";
        b.records();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300; i++) { // warm-up: 3M records
            b.write();
        }
        double[] perRecord = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < writes; i++) {
                b.write();
            }
            perRecord[r] = (mx.getCurrentThreadCpuTime() - t0) / ((double) writes * RecordWriterBenchmark.ROWS);
        }
        Arrays.sort(perRecord);
        System.out.printf("%s write, %s rows: %.0f ns CPU per record (best of %d rounds of %d records; median %.0f)%n",
                b.format, b.rows, perRecord[0], rounds, writes * RecordWriterBenchmark.ROWS, perRecord[rounds / 2]);
    }
}
