package com.exportservice.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The output format and compression of a stored request (its config JSON), read with a streaming parser
 * that skips everything else (a request's filters may be large), for the history's columns.
 *
 * @param format json, jsonl or csv; null when the stored config does not say
 */
record OutputOptions(String format, boolean compression) {
    private static final JsonFactory JSON = new JsonFactory();

    static OutputOptions of(String configJson) {
        String format = null;
        boolean compression = false;
        if (configJson == null) {
            return new OutputOptions(null, false);
        }
        try (JsonParser p = JSON.createParser(configJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new OutputOptions(null, false);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if ("output_format".equals(key) && value == JsonToken.VALUE_STRING) {
                    format = p.getText();
                } else if ("compression".equals(key)) {
                    compression = value == JsonToken.VALUE_TRUE;
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // a stored config is written by the service itself; if unreadable, the columns stay empty
            return new OutputOptions(format, compression);
        }
        return new OutputOptions(format, compression);
    }
}
