package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.exportservice.time.Timestamps;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@link SourceTimestamps#format} prints a zone-less value of a fixed-offset zone from its own fields;
 * it must print exactly what the way through epoch milliseconds prints ({@code epochMillis} then
 * {@link Timestamps#formatMillis}), in every zone, for every year, out-of-range ones included.
 */
class SourceTimestampsFormatPropertiesTest {
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("UTC"), ZoneId.of("Z"),
            ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-18), ZoneOffset.ofHours(18),
            ZoneOffset.ofHoursMinutesSeconds(-3, -25, -7), ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kathmandu"));

    @Property(tries = 3000)
    void should_print_a_local_date_time_as_through_epoch_millis(@ForAll("localDateTimes") LocalDateTime t,
                                                                @ForAll("zones") ZoneId zone) {
        assertFormatsAsThroughMillis(new SourceTimestamps(zone), t);
    }

    @Test
    void should_print_the_edges_as_through_epoch_millis() {
        List<LocalDateTime> edges = List.of(
                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999), LocalDateTime.of(2000, 2, 29, 0, 0),
                LocalDateTime.of(1900, 3, 1, 0, 0), LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1),
                LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(0, 1, 1, 17, 59, 59, 999_000_000),
                LocalDateTime.of(-1, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(9999, 12, 31, 6, 0), LocalDateTime.of(10000, 1, 1, 0, 0), LocalDateTime.of(1, 1, 1, 3, 0),
                LocalDateTime.of(9998, 12, 31, 23, 0), LocalDateTime.of(2026, 3, 29, 2, 30), LocalDateTime.of(2026, 10, 25, 2, 30),
                LocalDateTime.of(2026, 3, 8, 2, 30), LocalDateTime.of(2026, 11, 1, 1, 30),
                LocalDateTime.MIN, LocalDateTime.MAX, LocalDateTime.of(-292_275_055, 5, 17, 0, 0), LocalDateTime.of(292_278_994, 8, 17, 7, 12, 55, 807_000_000));
        for (ZoneId zone : ZONES) {
            SourceTimestamps timestamps = new SourceTimestamps(zone);
            for (LocalDateTime t : edges) {
                assertFormatsAsThroughMillis(timestamps, t);
            }
        }
    }

    @Test
    void should_print_the_other_kinds_of_value_as_through_epoch_millis() {
        SourceTimestamps utc = new SourceTimestamps(ZoneOffset.UTC);
        for (Object v : List.<Object>of("2026-11-26 04:13:03.123999", "2026-11-26T04:13:03+01:00", "not a time",
                Instant.parse("2026-11-26T04:13:03.123999Z"), OffsetDateTime.MAX, 1_700_000_000_000L,
                java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 11, 26, 4, 13, 3, 123_999_999)))) {
            assertFormatsAsThroughMillis(utc, v);
        }
        assertThat(utc.format(LocalDateTime.of(2026, 11, 26, 4, 13, 3, 123_999_999))).isEqualTo("2026-11-26T04:13:03.123Z");
        assertThat(utc.format("nonsense")).isNull();
    }

    private static void assertFormatsAsThroughMillis(SourceTimestamps timestamps, Object v) {
        long ms = timestamps.epochMillis(v);
        String expected = ms == SourceTimestamps.INVALID ? null : Timestamps.formatMillis(ms);
        assertThat(timestamps.format(v)).as("%s in %s", v, timestamps.zone()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES);
    }

    @Provide
    Arbitrary<LocalDateTime> localDateTimes() {
        Arbitrary<Integer> years = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1900, 2100)),
                Tuple.of(2, Arbitraries.integers().between(-2, 10_001)),
                Tuple.of(2, Arbitraries.of(-1, 0, 1, 9998, 9999, 10_000)),
                Tuple.of(1, Arbitraries.integers().between(-999_999_999, 999_999_999)));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.of(0, 1, 999_999, 1_000_000, 999_000_000, 999_999_999));
        return Combinators.combine(years, Arbitraries.integers().between(1, 366), Arbitraries.integers().between(0, 86_399), nanos)
                .as((year, dayOfYear, secondOfDay, nano) -> {
                    LocalDateTime start = LocalDateTime.of(year, 1, 1, 0, 0);
                    int day = Math.min(dayOfYear, start.toLocalDate().lengthOfYear());
                    return start.plusDays(day - 1).plusSeconds(secondOfDay).withNano(nano);
                });
    }

    @Test
    void should_truncate_to_milliseconds() {
        assertThat(new SourceTimestamps(ZoneOffset.UTC).format(LocalDateTime.of(2026, 1, 1, 0, 0).plus(999_999, ChronoUnit.NANOS)))
                .isEqualTo("2026-01-01T00:00:00.000Z");
    }
}
