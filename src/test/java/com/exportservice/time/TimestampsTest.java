package com.exportservice.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {
    @Test
    void should_write_utc_with_exactly_three_truncated_fraction_digits() {
        assertThat(Timestamps.format(Instant.parse("2026-11-26T04:13:03.123999Z"))).isEqualTo("2026-11-26T04:13:03.123Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-26T04:13:03Z"))).isEqualTo("2026-11-26T04:13:03.000Z");
        assertThat(Timestamps.format(Instant.parse("1969-12-31T23:59:59.999Z"))).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(Timestamps.formatMillis(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(Timestamps.format(null)).isNull();
    }

    @Test
    void should_write_a_utc_wall_clock_time_from_its_fields_within_four_digit_years() {
        assertThat(Timestamps.formatUtc(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999))).isEqualTo("2024-02-29T23:59:59.999Z");
        assertThat(Timestamps.formatUtc(LocalDateTime.of(0, 1, 1, 0, 0))).isEqualTo("0000-01-01T00:00:00.000Z");
        assertThat(Timestamps.formatUtc(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 1_000_000))).isEqualTo("9999-12-31T23:59:59.001Z");
        // outside them java.time spells it (formatMillis): the caller goes that way
        assertThat(Timestamps.formatUtc(LocalDateTime.of(-1, 12, 31, 0, 0))).isNull();
        assertThat(Timestamps.formatUtc(LocalDateTime.of(10_000, 1, 1, 0, 0))).isNull();
    }
}
