package com.exportservice.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The one timestamp spelling of the service: ISO-8601 UTC with exactly three fraction digits and a
 * {@code Z} ({@code 2026-11-26T04:13:03.123Z}), truncated (not rounded) to milliseconds. Formatting
 * is done by hand because it runs for every timestamp of every record.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** Formats an instant; null stays null. */
    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        return format(instant.getEpochSecond(), instant.getNano() / 1_000_000);
    }

    /** Formats epoch milliseconds. */
    public static String formatMillis(long epochMillis) {
        return format(Math.floorDiv(epochMillis, 1000L), (int) Math.floorMod(epochMillis, 1000L));
    }

    /**
     * Formats a UTC wall-clock time from its own fields, truncated to milliseconds: what {@link
     * #formatMillis} prints for its epoch milliseconds, without going through them and back through
     * {@code LocalDate.ofEpochDay} (the transformer's case for a zone-less column read in UTC). Null
     * when its year is outside 0-9999, which {@link #formatMillis} spells through java.time.
     */
    public static String formatUtc(LocalDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return null;
        }
        return format(year, t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano() / 1_000_000);
    }

    private static String format(long epochSecond, int millis) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            // outside the four-digit range: let java.time spell it
            return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                    Instant.ofEpochSecond(epochSecond, millis * 1_000_000L).atOffset(ZoneOffset.UTC).toInstant());
        }
        return format(year, date.getMonthValue(), date.getDayOfMonth(), secOfDay / 3600, (secOfDay / 60) % 60,
                secOfDay % 60, millis);
    }

    /** The 24 chars; built as Latin-1 bytes, which the String takes by a copy (chars would be compressed one by one). */
    private static String format(int year, int month, int day, int hour, int minute, int second, int millis) {
        byte[] b = new byte[24];
        put4(b, 0, year);
        b[4] = '-';
        put2(b, 5, month);
        b[7] = '-';
        put2(b, 8, day);
        b[10] = 'T';
        put2(b, 11, hour);
        b[13] = ':';
        put2(b, 14, minute);
        b[16] = ':';
        put2(b, 17, second);
        b[19] = '.';
        b[20] = (byte) ('0' + millis / 100);
        b[21] = (byte) ('0' + (millis / 10) % 10);
        b[22] = (byte) ('0' + millis % 10);
        b[23] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void put2(byte[] b, int at, int v) {
        b[at] = (byte) ('0' + v / 10);
        b[at + 1] = (byte) ('0' + v % 10);
    }

    private static void put4(byte[] b, int at, int v) {
        b[at] = (byte) ('0' + v / 1000);
        b[at + 1] = (byte) ('0' + (v / 100) % 10);
        b[at + 2] = (byte) ('0' + (v / 10) % 10);
        b[at + 3] = (byte) ('0' + v % 10);
    }
}
