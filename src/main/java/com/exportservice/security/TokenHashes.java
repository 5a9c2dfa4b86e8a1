package com.exportservice.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * New random tokens and their hashes. A token is 256 random bits from {@link SecureRandom}, base64url,
 * behind a fixed prefix that secret scanners can look for; only its SHA-256 is ever stored, and
 * presented tokens are compared by hash in constant time.
 */
public final class TokenHashes {
    /** Marks export-service tokens (in a leaked file or a log, a scanner can recognise them). */
    public static final String PREFIX = "exs_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHashes() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether two hashes are equal, in time independent of where they differ. */
    static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
