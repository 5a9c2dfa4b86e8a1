package com.exportservice.cli;

import com.exportservice.submission.RequestDocuments;
import com.exportservice.config.ParseError;
import com.exportservice.config.StrictYaml;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the export request of {@code --config FILE}: JSON for {@code .json}, YAML for {@code .yaml}/{@code .yml},
 * otherwise JSON and then YAML. Every failure becomes one line naming the file, for the argument errors.
 */
final class ConfigFile {
    private static final ObjectMapper JSON = RequestDocuments.JSON;
    private static final ObjectMapper YAML = RequestDocuments.YAML;

    private ConfigFile() {
    }

    /** The file's request object; a problem is thrown as a one-line message. */
    static ObjectNode read(Path file, String shownName) throws Problem {
        String prefix = "--config " + shownName + ": ";
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Problem(prefix + "file not found");
        } catch (IOException e) {
            throw new Problem(prefix + (Files.isDirectory(file) ? "is a directory, not a file" : "cannot read: " + e.getMessage()));
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        JsonNode tree;
        if (name.endsWith(".json")) {
            tree = parse(JSON, text, prefix + "not valid JSON: ");
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            tree = parse(YAML, text, prefix + "not valid YAML: ");
        } else {
            try {
                tree = parse(JSON, text, "");
            } catch (Problem notJson) {
                // YAML accepts most text, so its message is the more useful one when both fail
                tree = parse(YAML, text, prefix + "neither JSON nor YAML: ");
            }
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new Problem(prefix + "is empty: it must hold an export request, e.g. {\"data_types\": [\"logs\"]}");
        }
        if (!tree.isObject()) {
            throw new Problem(prefix + "must hold an export request object (fields data_types, start_date, ...), got "
                    + (tree.isArray() ? "an array" : "a single value"));
        }
        return (ObjectNode) tree;
    }

    private static JsonNode parse(ObjectMapper mapper, String text, String prefix) throws Problem {
        try {
            // the same strictness as the inbox: one document, no YAML aliases or anchors, nothing after it
            return mapper == YAML ? StrictYaml.read(YAML, text)
                    : mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (JsonProcessingException e) {
            throw new Problem(prefix + ParseError.of(e).describe());
        } catch (java.io.IOException e) {
            throw new Problem(prefix + e.getMessage());
        }
    }

    /** A reason the file cannot be used, as one line. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
