package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.exportservice.output.Fixtures.WITHOUT_METADATA;
import static com.exportservice.output.Fixtures.WITH_METADATA;
import static com.exportservice.output.Fixtures.logRecord;
import static com.exportservice.output.Fixtures.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A partitioned data type's file, assembled from its part files, is the file one writer writes alone. */
class PartFilesTest {
    @TempDir
    Path dir;

    private static ExportRecord[] records(int from, int to) {
        ExportRecord[] out = new ExportRecord[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = logRecord(i, Fixtures.TRICKY.get(i % Fixtures.TRICKY.size()));
        }
        return out;
    }

    /** Writes one part as a partition does: records only, each as if a record came before it, flushed. */
    private PartFiles.Part part(OutputFormat format, RecordContext context, int number, ExportRecord[] records) throws IOException {
        DataFile file = new DataFile(dir, PartFiles.partName("logs." + format.extension(), number), EpochFiles.tag(3));
        OutputStream out = file.openForAppend(0);
        RecordWriter writer = RecordWriters.create(format, logs(), context, out, 1);
        for (ExportRecord r : records) {
            writer.write(r);
        }
        writer.flush();
        long bytes = file.position();
        file.close();
        // bytes a lost owner wrote after its last checkpoint are never assembled
        Files.writeString(file.tempPath(), "late bytes", java.nio.file.StandardOpenOption.APPEND);
        return new PartFiles.Part(file.tempPath(), bytes);
    }

    private String assembled(OutputFormat format, RecordContext context, List<PartFiles.Part> parts, long records) throws IOException {
        DataFile target = new DataFile(dir, "logs." + format.extension(), EpochFiles.tag(5));
        // what a crashed assembly left behind is started over
        Files.writeString(target.tempPath(), "half an earlier assembly");
        PartFiles.assemble(target, format, logs(), context, parts, records);
        return Files.readString(target.tempPath(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void should_assemble_parts_into_the_file_a_single_writer_writes(OutputFormat format) throws IOException {
        for (RecordContext context : List.of(WITH_METADATA, WITHOUT_METADATA)) {
            List<PartFiles.Part> parts = new ArrayList<>();
            parts.add(part(format, context, 0, records(0, 3)));
            parts.add(part(format, context, 1, records(3, 3)));   // a partition whose rows the filters all left out
            parts.add(part(format, context, 2, records(3, 11)));
            parts.add(part(format, context, 3, records(11, 12)));

            assertThat(assembled(format, context, parts, 12))
                    .isEqualTo(Fixtures.write(format, logs(), context, records(0, 12)));
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void should_assemble_when_the_first_parts_are_empty(OutputFormat format) throws IOException {
        List<PartFiles.Part> parts = List.of(part(format, WITH_METADATA, 0, records(0, 0)), part(format, WITH_METADATA, 1, records(0, 2)));

        assertThat(assembled(format, WITH_METADATA, parts, 2)).isEqualTo(Fixtures.write(format, logs(), WITH_METADATA, records(0, 2)));
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void should_assemble_an_empty_file_from_empty_parts(OutputFormat format) throws IOException {
        List<PartFiles.Part> parts = List.of(part(format, WITH_METADATA, 0, records(0, 0)), part(format, WITH_METADATA, 1, records(0, 0)));

        assertThat(assembled(format, WITH_METADATA, parts, 0)).isEqualTo(Fixtures.write(format, logs(), WITH_METADATA));
    }

    @Test
    void should_refuse_a_part_shorter_than_its_checkpoint() throws IOException {
        PartFiles.Part written = part(OutputFormat.JSONL, WITH_METADATA, 0, records(0, 2));
        PartFiles.Part claimed = new PartFiles.Part(written.file(), Files.size(written.file()) + 100);

        assertThatThrownBy(() -> assembled(OutputFormat.JSONL, WITH_METADATA, List.of(claimed), 2))
                .isInstanceOf(IOException.class).hasMessageContaining("before its checkpoint");
    }

    @Test
    void should_name_part_files_after_the_data_file_and_the_partition() {
        assertThat(PartFiles.partName("logs.jsonl", 7)).isEqualTo("logs.jsonl.p007");
        assertThat(PartFiles.partFile(dir, "logs.jsonl", 7, ".e4")).isEqualTo(dir.resolve("logs.jsonl.p007.e4.part"));
    }

    @Test
    void leftoverPartsOfADataFileAreDeletedAndNothingElse() throws IOException {
        List<String> leftovers = List.of("logs.jsonl.p001.part", "logs.jsonl.p002.e3.part", "logs.jsonl.p1000.e12.part");
        List<String> kept = List.of("logs.jsonl", "logs.jsonl.e3.part", "logs.jsonl.p001", "events.jsonl.p001.e3.part",
                "logs.jsonl.p01.e3.part", "logs.jsonl.p001.e3.part.copying", "manifest.json");
        for (String name : leftovers) {
            Files.writeString(dir.resolve(name), "part");
        }
        for (String name : kept) {
            Files.writeString(dir.resolve(name), "other");
        }

        assertThat(PartFiles.deleteLeftovers(dir, "logs.jsonl")).isEqualTo(3);

        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(kept);
        }
        assertThat(PartFiles.deleteLeftovers(dir.resolve("missing"), "logs.jsonl")).isZero();
    }
}
