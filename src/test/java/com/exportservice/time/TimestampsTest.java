package com.exportservice.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;

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
}
