package com.exportservice.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The effective settings (contract section 2). Precedence, highest first: Java system property,
 * environment variable (upper case, dots and dashes as underscores), {@code config/application.properties}
 * in the working directory, the default carried in the jar. Only keys the jar declares are settings
 * (an undeclared {@code exporter.*} key in the working-directory file is an error: a typo); values are
 * trimmed. Immutable.
 */
public final class Settings {
    /** Classpath copy of the project's {@code config/application.properties}: every key with its default. */
    public static final String DEFAULTS_RESOURCE = "/defaults/application.properties";
    public static final String WORKING_DIR_FILE = "config/application.properties";
    /** Keys of this service; other keys in the working-directory file (e.g. {@code camel.*}) are passed through. */
    private static final String KEY_PREFIX = "exporter.";

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Settings(Map<String, String> values, Map<String, String> origins) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.origins = Collections.unmodifiableMap(new TreeMap<>(origins));
    }

    /** Loads the settings as the running service sees them. */
    public static Settings load(Path workingDir) {
        return load(workingDir, System.getenv(), System.getProperties(), Map.of());
    }

    /**
     * Loads the settings from the given sources.
     *
     * @param overrides values that win over everything (used by tests and the one-shot command's options)
     */
    public static Settings load(Path workingDir, Map<String, String> env, Properties system, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Properties defaults = readDefaults();
        for (String key : defaults.stringPropertyNames()) {
            values.put(key, defaults.getProperty(key).trim());
            origins.put(key, "default");
        }
        Path file = workingDir.resolve(WORKING_DIR_FILE);
        if (Files.isRegularFile(file)) {
            Properties p = read(file);
            // A misspelt key would otherwise be ignored silently and its default used instead.
            List<String> unknown = new ArrayList<>();
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                if (key.startsWith(KEY_PREFIX) && !defaults.containsKey(key)) {
                    unknown.add(file + ": unknown setting '" + key + "'");
                }
                values.put(key, p.getProperty(key).trim());
                origins.put(key, file.toString());
            }
            if (!unknown.isEmpty()) {
                throw new ConfigException(String.join("\n", unknown));
            }
        }
        for (String key : defaults.stringPropertyNames()) {
            String envValue = env.get(envName(key));
            if (envValue != null) {
                values.put(key, envValue.trim());
                origins.put(key, "environment variable " + envName(key));
            }
            String sys = system.getProperty(key);
            if (sys != null) {
                values.put(key, sys.trim());
                origins.put(key, "system property " + key);
            }
        }
        overrides.forEach((k, v) -> {
            values.put(k, v.trim());
            origins.put(k, "override");
        });
        return new Settings(values, origins);
    }

    /** {@code exporter.output.dir} → {@code EXPORTER_OUTPUT_DIR}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of a key, or null when unset or empty. */
    public String get(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    public String get(String key, String fallback) {
        String v = get(key);
        return v == null ? fallback : v;
    }

    /** An integer setting; a malformed value is a {@link ConfigException} naming key and origin. */
    public int getInt(String key, int min, int max) {
        String v = get(key);
        if (v == null) {
            throw new ConfigException(key + " is required (from " + origin(key) + ")");
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + v + " (from " + origin(key) + ")");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be an integer, got '" + v + "' (from " + origin(key) + ")");
        }
    }

    public boolean getBoolean(String key, boolean fallback) {
        String v = get(key);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigException(key + " must be true or false, got '" + v + "' (from " + origin(key) + ")");
    }

    /**
     * A positive ISO-8601 duration ({@code PT60S}, {@code P30D}); a malformed one is a {@link ConfigException}
     * naming key and origin.
     */
    public java.time.Duration duration(String key, String fallback) {
        String v = get(key, fallback);
        try {
            java.time.Duration d = java.time.Duration.parse(v);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw new ConfigException(key + " must be an ISO-8601 duration above zero, such as PT60S or P30D, got '" + v + "' (from "
                + origin(key) + ")");
    }

    /** An optional positive ISO-8601 duration: null when the key is unset or empty. */
    public java.time.Duration optionalDuration(String key) {
        return get(key) == null ? null : duration(key, null);
    }

    /**
     * A size in bytes: a number, optionally followed by {@code KB}, {@code MB}, {@code GB} or {@code TB}
     * (units of 1024; {@code B} and lower case accepted).
     */
    public long bytes(String key, String fallback) {
        String v = get(key, fallback);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d{1,15})\\s*(B|KB|MB|GB|TB)?\\s*").matcher(v);
        if (!m.matches()) {
            throw new ConfigException(key + " must be a size such as 512MB, 2GB or 0, got '" + v + "' (from " + origin(key) + ")");
        }
        int shift = switch (m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new ConfigException(key + " is too large: '" + v + "' (from " + origin(key) + ")");
        }
        return n << shift;
    }

    /** Where the effective value of a key came from, for error messages. */
    public String origin(String key) {
        return origins.getOrDefault(key, "unset");
    }

    /** Whether the key was set anywhere other than the built-in defaults. */
    public boolean isExplicit(String key) {
        return !"default".equals(origin(key)) && get(key) != null;
    }

    public Map<String, String> asMap() {
        return values;
    }

    private static Properties readDefaults() {
        Properties p = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULTS_RESOURCE + " on the classpath");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        return p;
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return p;
    }
}
