package com.exportservice.engine;

import com.exportservice.Json;
import com.exportservice.output.DataFile;
import com.exportservice.request.Requests;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.DataTypeCheckpoint;
import com.exportservice.status.ExportState;
import com.exportservice.validation.ValidationStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Completing an export: final names, report and manifest; with compression the manifest waits for the zip. */
class ExportFinalizerTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final ExportFinalizer finalizer = new ExportFinalizer(Clock.fixed(NOW, ZoneOffset.UTC), Json.newMapper());

    @TempDir
    Path dir;

    @Test
    void should_write_the_manifest_at_once_without_compression() throws Exception {
        ExportRun run = run(false);

        List<File> packed = finalizer.complete(run, NOW, List.of(checkpoint()));

        assertThat(packed).isEmpty();
        assertThat(dir.resolve("logs.jsonl")).hasContent("{\"id\":1}");
        assertThat(dir.resolve(ExportFinalizer.MANIFEST)).exists();
        assertThat(dir.resolve(ExportFinalizer.VALIDATION_REPORT)).exists();
    }

    @Test
    void should_show_no_completed_manifest_until_the_zip_is_complete() throws Exception {
        ExportRun run = run(true);

        List<File> packed = finalizer.complete(run, NOW, List.of(checkpoint()));

        // packing may still fail (a full disk): the directory must not claim a completed export yet
        assertThat(dir.resolve(ExportFinalizer.MANIFEST)).doesNotExist();
        assertThat(packed).extracting(File::getName).containsExactly("logs.jsonl", "validation-report.json", "manifest.json");
        assertThat(Files.readString(packed.get(2).toPath())).contains("\"completed\"");

        Files.writeString(ExportFinalizer.archive(run).tempPath(), "the zip");
        finalizer.packed(run, List.of(checkpoint()));

        assertThat(dir.resolve(ExportFinalizer.MANIFEST)).content().contains("\"completed\"", "\"exp-1\"");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("exp-1.zip", "manifest.json");
        }
    }

    private ExportRun run(boolean compression) throws Exception {
        Files.writeString(new DataFile(dir, "logs.jsonl").tempPath(), "{\"id\":1}");
        return new ExportRun("exp-1", Requests.parse("{\"data_types\":[\"logs\"],\"output_format\":\"jsonl\",\"compression\":" + compression + "}"),
                dir, null, List.of(), 1000);
    }

    private static DataTypeCheckpoint checkpoint() {
        BatchCheckpoint last = new BatchCheckpoint("exp-1", "logs", 1L, 1, 1, 1, 0, 8, new ValidationStats());
        return new DataTypeCheckpoint("logs", null, ExportState.COMPLETED, true, 1, "1", last, "logs.jsonl", "ab");
    }
}
