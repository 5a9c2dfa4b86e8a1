package com.exportservice.e2e;

import com.exportservice.testsupport.Tmpfs;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault of the machine, not of the client (contract section 11): the output disk fills up in the middle
 * of an export. The export ends failed with a one-line message and no final-named partial file; once
 * space is freed, a retry continues from its checkpoint and the output is exact. The disk is a real tmpfs
 * of 3 MiB mounted on the output directory (root only; skipped elsewhere, a failure under .ci/run).
 */
class DiskFullIT {
    private static final long SMALL = 3L << 20;

    @TempDir
    Path workingDir;

    @Test
    void should_fail_an_export_that_fills_the_disk_cleanly_and_continue_exactly_once_space_is_freed() throws Exception {
        Path exports = workingDir.resolve("exports");
        try (Tmpfs disk = Tmpfs.mount(exports, SMALL);
             RunningService service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "20000",
                     "exporter.output.min-free-disk", "0"))) {
            String id = service.startExport("{\"data_types\":[\"logs\",\"events\"],\"output_format\":\"jsonl\",\"batch_size\":500}");

            JsonNode failed = service.awaitFinished(id);

            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("error_message").asText()).doesNotContain("\n").doesNotContain("Exception")
                    .contains("failed after 4 attempts: the output disk is full (no space left on the device of " + exports + ")")
                    .endsWith("free space, then retry the export");
            long before = failed.path("processed_records").asLong();
            assertThat(before).as("batches committed before the disk filled").isPositive();
            Path dir = service.exportDir(id);
            assertThat(dir.resolve("logs.jsonl")).as("no final name on a partial file").doesNotExist();
            assertThat(dir.resolve("manifest.json")).doesNotExist();
            assertThat(dir.resolve("logs.jsonl.part")).exists();
            assertThat(service.get("/api/health").statusCode()).isEqualTo(200);

            disk.resize(64L << 20);
            assertThat(service.post("/api/exports/" + id + "/retry", "").statusCode()).isEqualTo(202);
            JsonNode done = service.awaitFinished(id);

            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.path("processed_records").asLong()).isEqualTo(40_000).isEqualTo(done.path("total_records").asLong());
            ExactOutput.assertExactJsonl(service, dir, List.of("logs", "events"));
        }
    }
}
