package com.exportservice.config;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;

/**
 * Reads a YAML text as exactly one document without aliases or anchors. Jackson does not expand an
 * alias: {@code b: *x} silently becomes the string {@code "x"}, and a second document ({@code ---}) is
 * silently ignored. Both would make a file mean something other than it seems, so both are refused,
 * with the line and column (which also leaves nothing for a "billion laughs" expansion to work on).
 */
public final class StrictYaml {
    private StrictYaml() {
    }

    /** What a YAML text holds that a document read here may not: an alias, an anchor, a second document. */
    public static final class Refused extends StreamReadException {
        /** At the start of the token that is refused. */
        Refused(JsonParser p, String message) {
            super(p, message, p.currentTokenLocation());
        }

        @Override
        public Refused withParser(JsonParser p) {
            _processor = p;
            return this;
        }

        @Override
        public Refused withRequestPayload(com.fasterxml.jackson.core.util.RequestPayload payload) {
            _requestPayload = payload;
            return this;
        }
    }

    /**
     * @param yaml a mapper over a {@code YAMLFactory}
     * @return the document; null or a missing node when the text is empty
     * @throws Refused                                        for an alias, an anchor or a second document
     * @throws com.fasterxml.jackson.core.JacksonException when the text is not YAML
     */
    public static JsonNode read(ObjectMapper yaml, String text) throws IOException {
        check(yaml.getFactory().createParser(text));
        return yaml.readTree(text);
    }

    /** As {@link #read(ObjectMapper, String)}, for bytes (UTF-8, or as the YAML parser detects). */
    public static JsonNode read(ObjectMapper yaml, byte[] text) throws IOException {
        check(yaml.getFactory().createParser(text));
        return yaml.readTree(text);
    }

    /** One pass over the tokens, before the tree is built from them. */
    private static void check(JsonParser parser) throws IOException {
        try (JsonParser p = parser) {
            if (!(p instanceof YAMLParser yaml)) {
                throw new IllegalArgumentException("not a YAML parser: " + p.getClass().getName());
            }
            int depth = 0;
            int documents = 0;
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (depth == 0) {
                    documents++;
                    if (documents > 1) {
                        throw new Refused(p, "a second YAML document ('---'): a file holds one document");
                    }
                }
                if (yaml.isCurrentAlias()) {
                    throw new Refused(p, "a YAML alias (*" + p.getText() + "): aliases and anchors are not accepted; "
                            + "write the value out");
                }
                if (yaml.getObjectId() != null) {
                    throw new Refused(p, "a YAML anchor (&" + yaml.getObjectId() + "): aliases and anchors are not accepted; "
                            + "write the value out");
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
        }
    }
}
