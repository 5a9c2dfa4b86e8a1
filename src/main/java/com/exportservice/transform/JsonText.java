package com.exportservice.transform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;

/**
 * The one definition of "parseable JSON" for {@code json} fields: exactly one JSON value (object,
 * array or scalar) with nothing after it. The validator checks by streaming (builds nothing); the
 * transformer parses into plain Java values (LinkedHashMap, ArrayList, String, Integer/Long/BigInteger,
 * BigDecimal for fractions so {@code 1.10} stays {@code 1.10}, Boolean, null). One shared, thread-safe
 * reader: no ObjectMapper per record.
 */
public final class JsonText {
    /** Returned by {@link #parse} for text that is not JSON (distinct from a JSON {@code null}). */
    public static final Object INVALID = new Object() {
        @Override
        public String toString() {
            return "INVALID_JSON";
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader READER = MAPPER.readerFor(Object.class);

    private JsonText() {
    }

    /** Whether the text is exactly one JSON value. */
    public static boolean isValid(String text) {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The parsed value (may be null for the JSON literal {@code null}), or {@link #INVALID}. */
    public static Object parse(String text) {
        try {
            return READER.readValue(text);
        } catch (IOException | RuntimeException e) {
            return INVALID;
        }
    }
}
