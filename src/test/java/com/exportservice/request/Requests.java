package com.exportservice.request;

import com.exportservice.config.DataTypes;
import com.exportservice.config.DemoDataTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Export requests for tests: JSON text to a tree, and through the real parser to an ExportConfig. */
public final class Requests {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {
    }

    /** The request parsed against the demo data types and {@code snapshots} ({@link DemoDataTypes#ALL}). */
    public static ExportConfig parse(String json) {
        return parse(json, DemoDataTypes.ALL);
    }

    public static ExportConfig parse(String json, DataTypes types) {
        return ExportConfigParser.parse(tree(json), types);
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
