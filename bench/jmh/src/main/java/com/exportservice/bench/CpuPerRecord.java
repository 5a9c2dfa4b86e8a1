package com.exportservice.bench;

import com.exportservice.request.OutputFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * RecordWriterBenchmark's write measured in CPU time of its own thread rather than throughput: on a
 * machine shared with other work, a thread's CPU nanoseconds per record move far less than its rate.
 * {@code java -cp target/benchmarks.jar com.exportservice.bench.CpuPerRecord CSV [rounds]}
 */
public final class CpuPerRecord {
    private CpuPerRecord() {
    }

    public static void main(String[] args) throws Exception {
        RecordWriterBenchmark b = new RecordWriterBenchmark();
        b.format = OutputFormat.valueOf(args.length > 0 ? args[0] : "CSV");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        b.records();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300; i++) { // warm-up: 3M records
            b.write();
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < 100; i++) {
                b.write();
            }
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / (100.0 * RecordWriterBenchmark.ROWS));
        }
        System.out.printf("%s write: %.0f ns CPU per record (best of %d rounds of %d records)%n",
                b.format, best, rounds, 100 * RecordWriterBenchmark.ROWS);
    }
}
