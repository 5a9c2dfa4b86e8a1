package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SourceTimestampsTest {
    private final SourceTimestamps utc = new SourceTimestamps(ZoneOffset.UTC);
    private final SourceTimestamps paris = new SourceTimestamps(ZoneId.of("Europe/Paris"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-26T04:13:03.123Z          | 2026-11-26T04:13:03.123Z",
            "2026-11-26T04:13:03.123456789Z    | 2026-11-26T04:13:03.123Z",
            "2026-11-26T04:13:03.9999999999Z   | 2026-11-26T04:13:03.999Z",
            "2026-11-26T04:13:03Z              | 2026-11-26T04:13:03Z",
            "2026-11-26T04:13Z                 | 2026-11-26T04:13:00Z",
            "2026-11-26t04:13:03,5z            | 2026-11-26T04:13:03.500Z",
            "2026-11-26T06:13:03+02:00         | 2026-11-26T04:13:03Z",
            "2026-11-26T06:13:03+0200          | 2026-11-26T04:13:03Z",
            "2026-11-26 06:13:03.1+02          | 2026-11-26T04:13:03.100Z",
            "2026-11-26 01:13:03 -03:00        | 2026-11-26T04:13:03Z",
            "'  2026-11-26 04:13:03  '         | 2026-11-26T04:13:03Z",
            "2026-11-26                        | 2026-11-26T00:00:00Z",
            "2024-02-29T00:00:00               | 2024-02-29T00:00:00Z"})
    void should_read_iso_text(String text, String expected) {
        assertThat(utc.instant(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026", "2026-11-2", "2026/11/26", "2026-13-01", "2026-02-29", "2026-11-31",
            "2026-11-26T24:00:00Z", "2026-11-26T10:60Z", "2026-11-26T10:00:61Z", "2026-11-26T10",
            "2026-11-26T10:00:00.Z", "2026-11-26T10:00:00+19:00", "2026-11-26T10:00:00+2", "2026-11-26T10:00:00 UTC",
            "2026-11-26T10:00:00Z[UTC]", "yesterday", "12a", "+12026-01-01", "2026-11-26X"})
    void should_reject_malformed_text(String text) {
        assertThat(utc.epochMillis(text)).isEqualTo(SourceTimestamps.INVALID);
    }

    @Test
    void should_read_zone_less_values_in_the_source_zone() {
        LocalDateTime summer = LocalDateTime.of(2026, 7, 1, 12, 0);
        assertThat(paris.instant(summer)).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        assertThat(paris.instant("2026-12-01 12:00:00")).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(paris.instant(java.sql.Timestamp.valueOf(summer))).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        assertThat(paris.instant(LocalDate.of(2026, 7, 1))).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
        // a value with its own offset ignores the source zone
        assertThat(paris.instant("2026-07-01T12:00:00Z")).isEqualTo(Instant.parse("2026-07-01T12:00:00Z"));
    }

    @Test
    void should_resolve_wall_clock_times_in_dst_transitions() {
        // 02:30 does not exist on 2026-03-29 in Paris: moves forward by the gap
        assertThat(paris.instant("2026-03-29T02:30:00")).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // 02:30 exists twice on 2026-10-25: the earlier offset (+02:00)
        assertThat(paris.instant("2026-10-25T02:30:00")).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void should_read_java_time_and_jdbc_types_truncating_to_millis() {
        Instant expected = Instant.parse("2026-11-26T04:13:03.123Z");
        assertThat(utc.instant(OffsetDateTime.parse("2026-11-26T05:13:03.123999+01:00"))).isEqualTo(expected);
        assertThat(utc.instant(ZonedDateTime.parse("2026-11-26T04:13:03.1239Z"))).isEqualTo(expected);
        assertThat(utc.instant(Instant.parse("2026-11-26T04:13:03.123999999Z"))).isEqualTo(expected);
        assertThat(utc.instant(new java.util.Date(expected.toEpochMilli()))).isEqualTo(expected);
        java.sql.Timestamp ts = java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 11, 26, 4, 13, 3, 123_999_999));
        assertThat(utc.instant(ts)).isEqualTo(expected);
    }

    @Test
    void should_truncate_before_1970_towards_the_past() {
        assertThat(utc.epochMillis("1969-12-31T23:59:59.9999Z")).isEqualTo(-1L);
    }

    @Test
    void should_reject_other_types() {
        assertThat(utc.epochMillis(1_700_000_000_000L)).isEqualTo(SourceTimestamps.INVALID);
        assertThat(utc.epochMillis(Boolean.TRUE)).isEqualTo(SourceTimestamps.INVALID);
        assertThat(utc.epochMillis(null)).isEqualTo(SourceTimestamps.INVALID);
        assertThat(utc.epochMillis(OffsetDateTime.MAX)).isEqualTo(SourceTimestamps.INVALID);
    }
}
