package com.exportservice.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A take-over's files: the new owner's own copy of the committed bytes; the old owner's late bytes reach no one. */
class EpochFilesTest {
    @TempDir
    Path dir;

    @Test
    void should_copy_the_committed_bytes_of_the_newest_earlier_owner_and_keep_a_late_writer_out_of_the_copy() throws Exception {
        DataFile first = new DataFile(dir, "logs.jsonl", EpochFiles.tag(1));
        OutputStream old = first.openForAppend(0);
        old.write("{\"id\":1}\n{\"id\":2}\n{\"id\":3".getBytes(StandardCharsets.UTF_8)); // a batch half written
        old.flush();

        assertThat(EpochFiles.adopt(dir, "logs.jsonl", 2, 18)).isTrue();
        // the old owner wakes up and writes on into the file it holds open
        old.write("}\n{\"id\":4}\n".getBytes(StandardCharsets.UTF_8));
        old.flush();
        first.close();

        Path own = new DataFile(dir, "logs.jsonl", EpochFiles.tag(2)).tempPath();
        assertThat(Files.readString(own)).isEqualTo("{\"id\":1}\n{\"id\":2}\n");
        assertThat(first.tempPath()).as("the earlier file is gone").doesNotExist();
    }

    @Test
    void should_count_the_single_node_part_file_as_epoch_zero_and_skip_files_shorter_than_the_checkpoint() throws Exception {
        Files.writeString(dir.resolve("logs.csv.part"), "id\n1\n2\n");
        Files.writeString(dir.resolve("logs.csv.e3.part"), "id\n"); // a copy cut short by a crash
        assertThat(EpochFiles.adopt(dir, "logs.csv", 4, 7)).isTrue();
        assertThat(Files.readString(dir.resolve("logs.csv.e4.part"))).isEqualTo("id\n1\n2\n");
        assertThat(dir.resolve("logs.csv.part")).doesNotExist();
        assertThat(dir.resolve("logs.csv.e3.part")).doesNotExist();
    }

    @Test
    void should_adopt_nothing_when_no_file_holds_the_committed_bytes() throws Exception {
        assertThat(EpochFiles.adopt(dir, "logs.json", 2, 10)).isFalse();
        assertThat(dir.resolve("logs.json.e2.part")).doesNotExist();
    }
}
