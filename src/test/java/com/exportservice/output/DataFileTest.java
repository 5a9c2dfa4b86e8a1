package com.exportservice.output;

import com.exportservice.record.ExportRecord;
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
import java.util.Arrays;
import java.util.Random;

import static com.exportservice.output.Fixtures.WITH_METADATA;
import static com.exportservice.output.Fixtures.logRecord;
import static com.exportservice.output.Fixtures.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataFileTest {
    @TempDir
    Path dir;

    private static ExportRecord[] batch(int from, int count) {
        ExportRecord[] records = new ExportRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = logRecord(from + i, Fixtures.TRICKY.get((from + i) % Fixtures.TRICKY.size()));
        }
        return records;
    }

    /** What a checkpoint holds after a batch. */
    private record Checkpoint(long records, long bytes) {
    }

    private static Checkpoint writeBatch(DataFile file, OutputFormat format, Checkpoint from, ExportRecord[] batch,
                                         boolean last) throws IOException {
        OutputStream out = file.openForAppend(from.bytes());
        try (RecordWriter writer = RecordWriters.create(format, logs(), WITH_METADATA, out, from.records())) {
            if (from.bytes() == 0) {
                writer.writeHeader();
            }
            for (ExportRecord r : batch) {
                writer.write(r);
            }
            if (last) {
                writer.writeFooter();
            }
            writer.flush();
            return new Checkpoint(writer.recordsInFile(), file.position());
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void should_resume_after_a_failed_batch_to_exactly_the_bytes_of_an_uninterrupted_write(OutputFormat format)
            throws IOException {
        // given: the same three batches written once without interruption
        Path reference = dir.resolve("reference");
        DataFile uninterrupted = new DataFile(reference, "logs." + format.extension());
        Checkpoint c = new Checkpoint(0, 0);
        c = writeBatch(uninterrupted, format, c, batch(0, 5), false);
        c = writeBatch(uninterrupted, format, c, batch(5, 5), false);
        writeBatch(uninterrupted, format, c, batch(10, 5), true);
        byte[] expected = Files.readAllBytes(uninterrupted.complete());

        // when: batch 2 fails halfway (its bytes partly on disk), the process "restarts" and resumes from the checkpoint
        Path resumedDir = dir.resolve("resumed");
        DataFile first = new DataFile(resumedDir, "logs." + format.extension());
        Checkpoint afterBatch1 = writeBatch(first, format, new Checkpoint(0, 0), batch(0, 5), false);
        OutputStream out = first.openForAppend(afterBatch1.bytes());
        RecordWriter failing = RecordWriters.create(format, logs(), WITH_METADATA, out, afterBatch1.records());
        failing.write(logRecord(5, "half of batch 2"));
        failing.flush();
        out.write("{\"torn record".getBytes(StandardCharsets.UTF_8));
        first.close();
        assertThat(Files.size(first.tempPath())).isGreaterThan(afterBatch1.bytes());

        DataFile resumed = new DataFile(resumedDir, "logs." + format.extension());
        c = writeBatch(resumed, format, afterBatch1, batch(5, 5), false);
        writeBatch(resumed, format, c, batch(10, 5), true);
        byte[] actual = Files.readAllBytes(resumed.complete());

        // then
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void should_show_the_final_name_only_after_complete() throws IOException {
        DataFile file = new DataFile(dir, "logs.jsonl");
        OutputStream out = file.openForAppend(0);
        out.write("{}\n".getBytes(StandardCharsets.UTF_8));
        out.flush();

        assertThat(file.finalPath()).doesNotExist();
        assertThat(dir.resolve("logs.jsonl.part")).exists();

        Path done = file.complete();

        assertThat(done).isEqualTo(dir.resolve("logs.jsonl")).hasContent("{}");
        assertThat(file.tempPath()).doesNotExist();
    }

    @Test
    void should_count_buffered_bytes_in_the_position() throws IOException {
        DataFile file = new DataFile(dir, "logs.csv");
        OutputStream out = file.openForAppend(0);

        out.write(new byte[10]);
        out.write('x');

        assertThat(file.position()).isEqualTo(11);
        assertThat(Files.size(file.tempPath())).isZero();
        out.flush();
        assertThat(Files.size(file.tempPath())).isEqualTo(11);
    }

    @Test
    void should_write_large_and_small_chunks_in_order() throws IOException {
        byte[] data = new byte[300_000];
        new Random(42).nextBytes(data);
        DataFile file = new DataFile(dir, "big.json");
        OutputStream out = file.openForAppend(0);

        out.write(data, 0, 10);
        out.write(data, 10, 200_000);
        for (int i = 200_010; i < 200_100; i++) {
            out.write(data[i]);
        }
        out.write(data, 200_100, data.length - 200_100);

        assertThat(file.position()).isEqualTo(data.length);
        assertThat(Files.readAllBytes(file.complete())).isEqualTo(data);
    }

    /** Writes {@code data[from, to)} in pieces of several sizes (small ones buffered, large ones past the buffer). */
    private static void writeInPieces(OutputStream out, byte[] data, int from, int to, Random random) throws IOException {
        int at = from;
        while (at < to) {
            int n = Math.min(to - at, random.nextBoolean() ? random.nextInt(300) : random.nextInt(200_000));
            out.write(data, at, n);
            at += n;
        }
    }

    @Test
    void should_give_the_sha256_of_the_bytes_written_also_after_being_cut_back_and_resumed() throws IOException {
        Random random = new Random(7);
        byte[] data = new byte[9_000_000];
        random.nextBytes(data);
        DataFile file = new DataFile(dir, "hashed.jsonl");

        // a first run writes 5 MB, cut back to a checkpoint at 3.2 MB (a failed save), then goes on to 6 MB
        OutputStream out = file.openForAppend(0);
        writeInPieces(out, data, 0, 5_000_000, random);
        out = file.openForAppend(3_200_000);
        writeInPieces(out, data, 3_200_000, 6_000_000, random);
        file.close();
        // a restarted process resumes the file from its checkpoint at 5.5 MB
        DataFile resumed = new DataFile(dir, "hashed.jsonl");
        out = resumed.openForAppend(5_500_000);
        writeInPieces(out, data, 5_500_000, data.length, random);
        resumed.close();

        String sha = resumed.sha256();
        assertThat(Files.readAllBytes(resumed.tempPath())).isEqualTo(data);
        assertThat(sha).isEqualTo(Sha256.hex(resumed.tempPath()));
        assertThat(resumed.sha256()).as("asked again").isEqualTo(sha);
    }

    @Test
    void should_give_the_sha256_of_an_empty_file_and_of_one_whose_stream_is_still_open() throws IOException {
        DataFile empty = new DataFile(dir, "empty.csv");
        empty.openForAppend(0);
        assertThat(empty.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        DataFile open = new DataFile(dir, "open.csv");
        open.openForAppend(0).write("id\r\n1\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(open.sha256()).isEqualTo(Sha256.hex(open.tempPath()));
    }

    @Test
    void should_refuse_to_resume_a_file_shorter_than_its_checkpoint() throws IOException {
        DataFile file = new DataFile(dir, "logs.json");
        OutputStream out = file.openForAppend(0);
        out.write(new byte[5]);
        file.close();

        assertThatThrownBy(() -> file.openForAppend(6)).isInstanceOf(IOException.class).hasMessageContaining("6");
        assertThatThrownBy(() -> new DataFile(dir, "missing.json").openForAppend(1)).isInstanceOf(IOException.class);
    }

    @Test
    void should_delete_the_temporary_file_on_discard_and_leave_the_final_name_alone() throws IOException {
        Files.writeString(dir.resolve("logs.json"), "earlier");
        DataFile file = new DataFile(dir, "logs.json");
        file.openForAppend(0).write(new byte[3]);

        file.discard();

        assertThat(file.tempPath()).doesNotExist();
        assertThat(dir.resolve("logs.json")).hasContent("earlier");
    }

    @Test
    void should_complete_a_file_closed_earlier_and_replace_an_older_final_file() throws IOException {
        Files.writeString(dir.resolve("logs.json"), "older");
        DataFile file = new DataFile(dir, "logs.json");
        file.openForAppend(0).write("[]".getBytes(StandardCharsets.UTF_8));
        file.close();

        assertThat(file.position()).isEqualTo(2);
        assertThat(file.complete()).hasContent("[]");
        assertThat(Arrays.stream(dir.toFile().list())).containsExactly("logs.json");
    }

    @Test
    void should_refuse_a_final_name_that_is_a_path() {
        assertThatThrownBy(() -> new DataFile(dir, "../escape.json")).isInstanceOf(IllegalArgumentException.class);
    }
}
