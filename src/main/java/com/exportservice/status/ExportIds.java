package com.exportservice.status;

import java.security.SecureRandom;

/**
 * Export ids: {@code exp-} and a ULID-like text (millisecond time then randomness, Crockford base32),
 * so ids sort by creation and match {@code ^[A-Za-z0-9_-]{1,64}$}.
 */
public final class ExportIds {
    public static final java.util.regex.Pattern VALID = java.util.regex.Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ExportIds() {
    }

    private static long lastMillis = -1;
    private static final int[] lastRandom = new int[16];

    /**
     * The next id. Within one millisecond the random part is incremented instead of drawn anew
     * (monotonic, as ULIDs do), so ids created in the same millisecond still sort by creation.
     */
    public static synchronized String next(long epochMillis) {
        long millis = Math.max(epochMillis, lastMillis);
        if (millis == lastMillis) {
            increment(lastRandom);
        } else {
            for (int i = 0; i < 16; i++) {
                lastRandom[i] = RANDOM.nextInt(32);
            }
            lastRandom[0] &= 15; // room to increment without overflowing the 80 bits
            lastMillis = millis;
        }
        char[] out = new char[26];
        long t = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        for (int i = 0; i < 16; i++) {
            out[10 + i] = ALPHABET[lastRandom[i]];
        }
        return "exp-" + new String(out);
    }

    private static void increment(int[] digits) {
        for (int i = digits.length - 1; i >= 0; i--) {
            if (++digits[i] < 32) {
                return;
            }
            digits[i] = 0;
        }
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
