package com.exportservice.demo;

/**
 * Deterministic pseudo-random choices from a row id (SplitMix64), so the demo data is the same on
 * every run and every database, and seeding allocates no generator per row.
 */
final class DemoRandom {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DemoRandom() {
    }

    /** A well-mixed 64-bit value of {@code x}. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A choice in 0..n-1 from the row's hash {@code h}; different {@code salt}s give independent choices. */
    static int pick(long h, int salt, int n) {
        return (int) Long.remainderUnsigned(mix(h + salt * 0x632BE59BD9B4E019L), n);
    }

    static <T> T pick(long h, int salt, T[] options) {
        return options[pick(h, salt, options.length)];
    }

    /** {@code digits} lower-case hex digits. */
    static String hex(long h, int salt, int digits) {
        char[] c = new char[digits];
        long bits = 0;
        for (int i = 0; i < digits; i++) {
            if (i % 16 == 0) {
                bits = mix(h + salt + i);
            }
            c[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
        return new String(c);
    }

    /** {@code n} zero-padded to {@code width} digits. */
    static String pad(int n, int width) {
        String s = Integer.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
