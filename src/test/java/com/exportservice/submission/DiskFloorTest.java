package com.exportservice.submission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

/** The free-space floor of the output directory, measured on the real file system. */
class DiskFloorTest {
    @TempDir
    Path dir;

    @Test
    void should_refuse_with_507_when_the_disk_has_less_free_space_than_the_floor() {
        RequestException e = catchThrowableOfType(RequestException.class, () -> new DiskFloor(dir, Long.MAX_VALUE / 2).check());

        assertThat(e.status()).isEqualTo(507);
        assertThat(e.code()).isEqualTo("insufficient_storage");
        assertThat(e.getMessage()).startsWith("the output directory's disk has ").contains("(exporter.output.min-free-disk)")
                .endsWith("free space, then try again");
    }

    @Test
    void should_admit_above_the_floor_and_always_with_the_check_off() {
        assertThatCode(() -> new DiskFloor(dir, 1).check()).doesNotThrowAnyException();
        assertThatCode(() -> new DiskFloor(dir, 0).check()).doesNotThrowAnyException();
    }

    @Test
    void should_measure_an_output_directory_not_made_yet_on_the_disk_it_will_be_on() {
        assertThatCode(() -> new DiskFloor(dir.resolve("exports/not/yet"), 1).check()).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(RequestException.class,
                () -> new DiskFloor(dir.resolve("exports/not/yet"), Long.MAX_VALUE / 2).check()).status()).isEqualTo(507);
    }
}
