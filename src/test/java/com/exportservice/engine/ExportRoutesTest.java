package com.exportservice.engine;

import com.exportservice.Json;
import com.exportservice.ServiceWiringAccess;
import com.exportservice.e2e.RunningService;
import com.exportservice.config.Settings;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.ExportStatus;
import com.exportservice.submission.Trigger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine routes (YAML) in a plain Camel context with the real beans on an embedded H2 source:
 * redelivery of a failed batch and the dead-letter channel.
 */
class ExportRoutesTest extends CamelTestSupport {
    private static final String ROUTES = "classpath:routes/error-handling.camel.yaml,classpath:routes/export-engine.camel.yaml,"
            + "classpath:routes/export-batch.camel.yaml";
    private final ObjectMapper mapper = Json.newMapper();
    private Path workingDir;
    private ServiceWiringAccess wiring;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        workingDir = Files.createTempDirectory("export-routes-test");
        Settings settings = Settings.load(workingDir, Map.of(), new Properties(), Map.of(
                "exporter.demo.rows", "1200",
                "exporter.retry.max-redeliveries", "2",
                "exporter.retry.initial-delay-ms", "1"));
        wiring = ServiceWiringAccess.create(settings, workingDir);
        CamelContext context = super.createCamelContext();
        Properties props = new Properties();
        props.putAll(settings.asMap());
        props.put("exporter.engine.queue-uri", wiring.queueUri());
        context.getPropertiesComponent().setInitialProperties(props);
        wiring.beans().forEach((name, bean) -> context.getRegistry().bind(name, bean));
        for (String r : ROUTES.split(",")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, r));
        }
        return context;
    }

    @AfterEach
    void closeWiring() {
        wiring.close();
    }

    @Test
    void should_redeliver_a_batch_whose_first_attempt_failed_after_writing_and_write_it_once() throws Exception {
        // given: the second batch of every data type fails once, after its records were appended to the file
        AtomicInteger failures = new AtomicInteger();
        AdviceWith.adviceWith(context, "export-batch", a -> a.weaveByToString(".*checkpoint.*").before().process(e -> {
            long batches = e.getIn().getBody(BatchCheckpoint.class).batches();
            if (batches == 2 && e.getIn().getHeader("CamelRedeliveryCounter") == null && failures.getAndIncrement() < 1) {
                throw new java.io.IOException("injected transient failure");
            }
        }));
        startAndConnect();

        // when
        ExportStatus finished = exportAndWait("{\"data_types\":[\"logs\"],\"output_format\":\"jsonl\",\"batch_size\":500}");

        // then
        assertThat(failures.get()).isEqualTo(1);
        assertThat(finished.status()).as(String.valueOf(finished.errorMessage())).isEqualTo("completed");
        List<Long> ids = jsonlIds(workingDir.resolve("exports").resolve(finished.exportId()).resolve("logs.jsonl"));
        assertThat(ids).hasSameSizeAs(new HashSet<>(ids)).containsExactlyElementsOf(RunningService.sourceIds(workingDir, "logs"));
        assertThat(finished.processedRecords()).isEqualTo(ids.size());
    }

    @Test
    void should_count_each_batch_once_in_the_metrics_when_an_exchange_fails_after_its_checkpoint_step() throws Exception {
        // given: the second batch's exchange fails once after its checkpoint step (its save under way or done)
        AtomicInteger failures = new AtomicInteger();
        AdviceWith.adviceWith(context, "export-batch", a -> a.weaveByToString(".*checkpoint.*").after().process(e -> {
            long batches = e.getIn().getBody(BatchCheckpoint.class).batches();
            if (batches == 2 && failures.compareAndSet(0, 1)) {
                throw new java.io.IOException("injected failure after the checkpoint was saved");
            }
        }));
        startAndConnect();

        // when
        ExportStatus finished = exportAndWait("{\"data_types\":[\"logs\"],\"output_format\":\"csv\",\"batch_size\":500,"
                + "\"on_invalid\":\"skip\"}");

        // then: the counters equal what the export wrote, the redelivered batch counted once
        assertThat(failures.get()).isEqualTo(1);
        assertThat(finished.status()).isEqualTo("completed");
        JsonNode file = mapper.readTree(workingDir.resolve("exports").resolve(finished.exportId()).resolve("manifest.json").toFile())
                .path("files").get(0);
        io.micrometer.core.instrument.MeterRegistry metrics = wiring.metrics();
        assertThat(metrics.get("exporter.records.written").tag("data_type", "logs").counter().count())
                .isEqualTo(file.path("records").asDouble());
        assertThat(metrics.get("exporter.bytes.written").tag("data_type", "logs").counter().count()).isEqualTo(file.path("bytes").asDouble());
        assertThat(metrics.get("exporter.records.skipped").tag("data_type", "logs").counter().count())
                .isEqualTo(finished.dataTypeStatus().get("logs").skippedRecords()).isPositive();
        assertThat(metrics.get("exporter.batch.duration").tag("data_type", "logs").timer().count()).isEqualTo(3);
        assertThat(metrics.get("exporter.exports").tag("status", "completed").counter().count()).isEqualTo(1);
    }

    @Test
    void should_end_the_export_failed_with_a_dead_letter_record_when_a_batch_keeps_failing() throws Exception {
        // given: every batch of events fails
        AdviceWith.adviceWith(context, "export-batch", a -> a.weaveByToString(".*checkpoint.*").before().process(e -> {
            if ("events".equals(e.getProperty(ExportProperties.DATA_TYPE))) {
                throw new java.sql.SQLTransientConnectionException("injected: connection reset");
            }
        }));
        startAndConnect();

        // when
        ExportStatus finished = exportAndWait("{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"csv\",\"batch_size\":400}");

        // then
        assertThat(finished.status()).isEqualTo("failed");
        assertThat(finished.errorMessage()).contains("events").contains("injected: connection reset").contains("3 attempts");
        Path dir = workingDir.resolve("exports").resolve(finished.exportId());
        List<String> deadLetters = Files.readAllLines(dir.resolve(DeadLetters.FILE), StandardCharsets.UTF_8);
        assertThat(deadLetters).hasSize(1);
        JsonNode rec = mapper.readTree(deadLetters.get(0));
        assertThat(rec.path("data_type").asText()).isEqualTo("events");
        assertThat(rec.path("after_key").isNull()).isTrue();
        assertThat(rec.path("high_water_mark").asText()).isEqualTo("1200");
        assertThat(rec.path("cause").asText()).contains("connection reset");
        // no final-named data file of a failed export
        assertThat(dir.resolve("logs.csv")).doesNotExist();
        assertThat(dir.resolve("events.csv")).doesNotExist();
        assertThat(finished.dataTypeStatus().get("logs").status()).isEqualTo("completed");
    }

    private void startAndConnect() {
        context.start();
        wiring.afterStart(context);
    }

    private ExportStatus exportAndWait(String request) throws Exception {
        String id = wiring.exports().submit(mapper.readTree(request), Trigger.HTTP).exportId();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String s = wiring.status().status(id).status();
            return s.equals("completed") || s.equals("failed");
        });
        return wiring.status().status(id);
    }

    private List<Long> jsonlIds(Path file) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            ids.add(mapper.readTree(line).path("id").asLong());
        }
        return ids;
    }
}
