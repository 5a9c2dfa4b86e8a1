package com.exportservice.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The YAML definition files beside the settings (data types, schedules), found and read by one rule
 * (contract section 2): the file a setting names (relative to the working directory unless absolute)
 * when it exists, else the built-in default. A missing file is an error only when the setting names a
 * file other than the default path explicitly: then it was meant to be there. Naming the default path
 * (a copy of the shipped settings file) means "the usual place", like an unset key.
 */
public final class ConfigFiles {
    // Duplicate keys would otherwise silently keep the last one, e.g. a field declared twice or two cron lines.
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigFiles() {
    }

    /**
     * A file's text and its name as messages give it (as configured).
     */
    public record Text(String name, String content) {
    }

    /**
     * Reads the file a setting names.
     *
     * @param defaultFile the setting's default value
     * @param kind        how messages call the file, e.g. {@code data types file}
     * @return the file's text, or empty when the built-in default applies
     * @throws ConfigException when the file is required but missing, not a regular file or unreadable
     */
    public static Optional<Text> read(Settings settings, Path workingDir, String setting, String defaultFile, String kind) {
        String configured = settings.get(setting);
        if (configured == null) {
            return Optional.empty();
        }
        Path file = workingDir.resolve(configured);
        if (Files.isRegularFile(file)) {
            try {
                return Optional.of(new Text(configured, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new ConfigException(configured + ": cannot read: " + e.getMessage(), e);
            }
        }
        if (Files.exists(file)) {
            throw new ConfigException(configured + ": not a regular file (" + setting + " from " + settings.origin(setting) + ")");
        }
        if (settings.isExplicit(setting) && !Path.of(configured).normalize().equals(Path.of(defaultFile))) {
            throw new ConfigException(configured + ": " + kind + " not found (resolved to "
                    + file.toAbsolutePath().normalize() + "; " + setting + " from " + settings.origin(setting) + ")");
        }
        return Optional.empty();
    }

    /**
     * Parses YAML strictly: a duplicate key, an alias or anchor, or a second document is an error ({@link StrictYaml}).
     *
     * @param name how messages name the file
     * @return the document, null or a missing node when it is empty
     * @throws ConfigException {@code <name>: malformed YAML at line L, column C: <problem>}
     */
    public static JsonNode parseYaml(String text, String name) {
        try {
            return StrictYaml.read(YAML, text);
        } catch (StrictYaml.Refused e) {
            throw new ConfigException(name + ": " + ParseError.of(e).describe(), e);
        } catch (JacksonException e) {
            ParseError error = ParseError.of(e);
            throw new ConfigException(name + ": malformed YAML" + (error.hasPosition() ? " at " + error.position() : "")
                    + ": " + error.problem(), e);
        } catch (java.io.IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
        }
    }
}
