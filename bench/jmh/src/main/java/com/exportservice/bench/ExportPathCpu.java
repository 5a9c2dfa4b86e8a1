package com.exportservice.bench;

import com.exportservice.request.OutputFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * {@link ExportPathBenchmark}'s work timed by the thread's CPU time instead of the clock: CPU nanoseconds
 * per record, a figure that a machine loaded by other processes moves far less than JMH's records per
 * second (a thread waiting for a core uses none). Seven rounds of 500,000 records after 3,000,000 of
 * warm-up; prints the lowest and the median. Arguments: {@code two-steps}, the batch validated and
 * transformed, then encoded ({@link ExportPathBenchmark#validateTransformThenEncode}); {@code no-encode},
 * validation and transformation alone ({@link ExportPathBenchmark#validateTransform}); {@code csv}, a csv
 * export's encoding (jsonl otherwise).
 *
 * <pre>java -XX:+UseSerialGC -Xmn200m -cp target/benchmarks.jar com.exportservice.bench.ExportPathCpu</pre>
 */
public final class ExportPathCpu {
    private static final int ROUNDS = 7;
    private static final int BATCHES_PER_ROUND = 250;

    private ExportPathCpu() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        boolean twoSteps = options.contains("two-steps");
        boolean noEncode = options.contains("no-encode");
        ExportPathBenchmark b = new ExportPathBenchmark();
        b.format = options.contains("csv") ? OutputFormat.CSV : OutputFormat.JSONL;
        b.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 1500; i++) {
            run(b, twoSteps, noEncode);
        }
        double[] nsPerRecord = new double[ROUNDS];
        for (int k = 0; k < ROUNDS; k++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < BATCHES_PER_ROUND; i++) {
                run(b, twoSteps, noEncode);
            }
            nsPerRecord[k] = (threads.getCurrentThreadCpuTime() - start) / (double) (BATCHES_PER_ROUND * ExportPathBenchmark.BATCH);
        }
        Arrays.sort(nsPerRecord);
        System.out.printf("%s, %s: CPU ns per record, lowest %.0f, median %.0f%n", b.format,
                noEncode ? "validate+transform" : twoSteps ? "validate+transform, then encode" : "validate+transform+encode", nsPerRecord[0], nsPerRecord[ROUNDS / 2]);
    }

    private static void run(ExportPathBenchmark b, boolean twoSteps, boolean noEncode) throws Exception {
        if (noEncode) {
            b.validateTransform();
        } else if (twoSteps) {
            b.validateTransformThenEncode();
        } else {
            b.validateTransformEncode();
        }
    }
}
