package com.exportservice.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps database passwords out of messages and logs: a JDBC URL may carry one ({@code ?password=…},
 * {@code ;PASSWORD=…}, {@code //user:secret@host}), and a driver's message may repeat the URL.
 */
public final class SecretText {
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword|sslkeypassword)\\s*=)([^&;,)\\s]*)");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*:)([^@/]*)(@)");
    private static final String MASK = "***";

    private SecretText() {
    }

    /** The URL with any password in it replaced by {@code ***}. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String s = PASSWORD_PARAM.matcher(url).replaceAll("$1" + MASK);
        return USER_INFO.matcher(s).replaceAll("$1" + MASK + "$3");
    }

    /**
     * A message about a connection, safe to show: passwords of the URL form masked, and the given secrets
     * (the configured password, passwords found in the URL) replaced wherever they appear.
     */
    public static String redact(String message, String url, String password) {
        if (message == null) {
            return null;
        }
        String s = redactUrl(message);
        s = mask(s, password);
        if (url != null) {
            Matcher m = PASSWORD_PARAM.matcher(url);
            while (m.find()) {
                s = mask(s, m.group(2));
            }
            Matcher u = USER_INFO.matcher(url);
            while (u.find()) {
                s = mask(s, u.group(2));
            }
        }
        return s;
    }

    private static String mask(String text, String secret) {
        // a very short secret would mask ordinary words; such a password is no secret anyway
        return secret == null || secret.length() < 4 ? text : text.replace(secret, MASK);
    }
}
