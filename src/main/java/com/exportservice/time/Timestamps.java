package com.exportservice.time;

import java.time.Instant;
import java.time.LocalDate;
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
        char[] b = new char[24];
        put4(b, 0, year);
        b[4] = '-';
        put2(b, 5, date.getMonthValue());
        b[7] = '-';
        put2(b, 8, date.getDayOfMonth());
        b[10] = 'T';
        put2(b, 11, secOfDay / 3600);
        b[13] = ':';
        put2(b, 14, (secOfDay / 60) % 60);
        b[16] = ':';
        put2(b, 17, secOfDay % 60);
        b[19] = '.';
        b[20] = (char) ('0' + millis / 100);
        b[21] = (char) ('0' + (millis / 10) % 10);
        b[22] = (char) ('0' + millis % 10);
        b[23] = 'Z';
        return new String(b);
    }

    private static void put2(char[] b, int at, int v) {
        b[at] = (char) ('0' + v / 10);
        b[at + 1] = (char) ('0' + v % 10);
    }

    private static void put4(char[] b, int at, int v) {
        b[at] = (char) ('0' + v / 1000);
        b[at + 1] = (char) ('0' + (v / 100) % 10);
        b[at + 2] = (char) ('0' + (v / 10) % 10);
        b[at + 3] = (char) ('0' + v % 10);
    }
}
