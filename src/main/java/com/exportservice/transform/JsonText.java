package com.exportservice.transform;

import com.exportservice.record.OrderedMap;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of "parseable JSON" for {@code json} fields: exactly one JSON value (object,
 * array or scalar) with nothing after it. The validator checks by streaming (builds nothing); the
 * transformer parses into plain Java values ({@link OrderedMap}, an insertion-ordered map like LinkedHashMap, ArrayList, String, Integer/Long/BigInteger,
 * BigDecimal for fractions so {@code 1.10} stays {@code 1.10}, Boolean, null): the values
 * {@code ObjectMapper.readValue(text, Object.class)} gives with {@code USE_BIG_DECIMAL_FOR_FLOATS} and
 * {@code FAIL_ON_TRAILING_TOKENS}, built straight from Jackson's streaming parser (databind's per-call
 * deserialization context cost about as much as the parse itself: it ran for 9 records in 10). One
 * shared, thread-safe factory.
 */
public final class JsonText {
    /** Returned by {@link #parse} for text that is not JSON (distinct from a JSON {@code null}). */
    public static final Object INVALID = new Object() {
        @Override
        public String toString() {
            return "INVALID_JSON";
        }
    };

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    /** Whether the text is exactly one JSON value. */
    public static boolean isValid(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
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
        return parse(text, null);
    }

    /**
     * As {@link #parse(String)}, short string values taken from {@code strings} (null: a new String
     * each): the same values, fewer instances.
     */
    public static Object parse(String text, RepeatedStrings strings) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return INVALID;
            }
            Object value = value(p, t, strings);
            return p.nextToken() == null ? value : INVALID;
        } catch (IOException | RuntimeException e) {
            return INVALID;
        }
    }

    /**
     * The value starting at the current token {@code t}. Recursive: the parser refuses nesting deeper
     * than its {@code StreamReadConstraints} (1,000 by default), long before the stack would run out.
     */
    private static Object value(JsonParser p, JsonToken t, RepeatedStrings strings) throws IOException {
        switch (t) {
            case START_OBJECT: {
                OrderedMap map = new OrderedMap();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    map.put(name, value(p, p.nextToken(), strings)); // a repeated key: the last value, the first place
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                    if (item == null) {
                        throw new JsonParseException(p, "unexpected end of input in an array");
                    }
                    list.add(value(p, item, strings));
                }
                return list;
            }
            case VALUE_STRING:
                return strings == null ? p.getText() : strings.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT:
                return p.getNumberValue(); // Integer, Long or BigInteger, by size
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue(); // exact: 1.10 stays 1.10 (JSON text has no NaN)
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(p, "unexpected token " + t);
        }
    }
}
