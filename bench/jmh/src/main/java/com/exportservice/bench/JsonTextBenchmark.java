package com.exportservice.bench;

import com.exportservice.transform.JsonText;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing a {@code json} field's text into plain Java values (issue 8, point 2): databind's
 * {@code ObjectReader.readValue(text)} into Object, as {@code JsonText.parse} did, against
 * {@code JsonText.parse} now (the same values, built from the streaming parser). The texts are the
 * benchmark table's metadata objects (bench/logs-table.sql). The score is texts per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class JsonTextBenchmark {
    private static final String[] TEXTS = {
        "{\"thread\":\"worker-11\",\"pid\":13135,\"region\":\"eu-central-1\",\"version\":\"2.5.0\",\"http\":{\"method\":\"DELETE\",\"status\":200}}",
        "{\"thread\":\"worker-0\",\"pid\":12723,\"region\":\"us-east-1\",\"version\":\"2.4.1\"}",
        "{\"thread\":\"worker-7\",\"pid\":15883,\"region\":\"us-east-1\",\"version\":\"2.4.1\",\"http\":{\"method\":\"POST\",\"status\":200}}",
        "{\"thread\":\"worker-12\",\"pid\":19791,\"region\":\"eu-west-1\",\"version\":\"2.4.1\"}",
    };
    private static final ObjectReader DATABIND = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readerFor(Object.class);

    @Benchmark
    @OperationsPerInvocation(4)
    public void databind(Blackhole bh) throws Exception {
        for (String t : TEXTS) {
            bh.consume(DATABIND.readValue(t));
        }
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public void streaming(Blackhole bh) {
        for (String t : TEXTS) {
            bh.consume(JsonText.parse(t));
        }
    }
}
