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

    public static String next(long epochMillis) {
        char[] out = new char[26];
        long t = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return "exp-" + new String(out);
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
