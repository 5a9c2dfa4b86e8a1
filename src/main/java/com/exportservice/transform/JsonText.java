package com.exportservice.transform;

import com.exportservice.record.OrderedMap;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
    /**
     * The most members of one object {@link #compactObject} takes (it compares each name with those before:
     * a repeated one would leave one member in the parsed map); a larger object is parsed.
     */
    static final int MAX_NAMES = 64;

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

    /**
     * The text as a {@link CompactJsonObject} when it is one JSON object that the writers print exactly as
     * it is once {@linkplain #parse parsed}: no whitespace between tokens; no escape in a string or name,
     * and nothing a writer escapes ({@code "}, {@code \}, controls) or spells otherwise (a surrogate:
     * Jackson's UTF-8 writer escapes each half of a pair); integers but {@code -0} (fractions and exponents
     * print in BigDecimal's form); no name twice in an object (and at most {@value #MAX_NAMES} names in
     * one). Null for anything else, valid or not ({@link #parse} it). Streams the text once and builds no
     * values: the text must be exactly as long as the compact form of its tokens.
     * CompactMetadataTest holds the files written of it to those of the parsed map.
     *
     * <p>A one-pass scan of the chars ({@link CompactScan}) answers for the usual texts without a parser
     * (creating one per record cost more than the rest of the check); what it leaves open, Jackson's
     * streaming parser decides ({@link #compactObjectByParser}, the reference JsonTextTest holds the scan to).
     */
    public static CompactJsonObject compactObject(String text) {
        return compactObject(text, new CompactScan());
    }

    /** {@link #compactObject(String)} by a scan that reuses its working arrays (one thread at a time). */
    public static CompactJsonObject compactObject(String text, CompactScan scan) {
        int n = text.length();
        if (n < 2 || text.charAt(0) != '{' || text.charAt(n - 1) != '}') {
            return null;
        }
        Object scanned = scan.scan(text);
        return scanned == CompactScan.ASK_PARSER ? compactObjectByParser(text) : (CompactJsonObject) scanned;
    }

    /**
     * {@link #compactObject} by Jackson's streaming parser: the tokens' compact form must be exactly as
     * long as the text. The reference for {@link CompactScan}, and its answer where the scan leaves it open.
     */
    static CompactJsonObject compactObjectByParser(String text) {
        int n = text.length();
        if (n < 2 || text.charAt(0) != '{' || text.charAt(n - 1) != '}') {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken(); // the object's '{', at 0
            // the names of the objects open at each depth: those of depth d from names[open[d]] to names[count]
            // (when the text is taken, the top-level ones are all that is left)
            String[] names = new String[8];
            int[] nameAt = new int[8]; // where each name's chars start, if the text is taken
            int count = 0;
            int[] open = new int[4];
            int depth = 1;
            long end = 1; // where the compact form of the tokens so far ends
            int tokens = 0;
            while (depth > 0) {
                JsonToken prev = t;
                t = p.nextToken();
                if (t == null) {
                    return null;
                }
                boolean separated = prev != JsonToken.START_OBJECT && prev != JsonToken.START_ARRAY
                        && t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY; // by one ':' or ','
                long start = end + (separated ? 1 : 0);
                // whitespace or an escape anywhere makes the text longer than its compact form (checked at
                // the end: so a string or name in it holds no char a writer escapes, as JSON has those only
                // escaped); looking where the first name and value start (a location costs an object) ends
                // the look at once for the usual spaced-out forms ({ "a": 1}, jsonb's {"a": 1, "b": 2})
                if (++tokens <= 2 && p.currentTokenLocation().getCharOffset() != start) {
                    return null;
                }
                int length;
                switch (t) {
                    case FIELD_NAME: {
                        String name = p.currentName();
                        if (hasSurrogate(name) || count - open[depth] >= MAX_NAMES || isOneOf(name, names, open[depth], count)) {
                            return null;
                        }
                        if (count == names.length) {
                            names = Arrays.copyOf(names, 2 * count);
                            nameAt = Arrays.copyOf(nameAt, 2 * count);
                        }
                        nameAt[count] = (int) start + 1;
                        names[count++] = name;
                        length = name.length() + 2;
                        break;
                    }
                    case VALUE_STRING:
                        length = p.getTextLength() + 2;
                        if (hasSurrogate(p.getTextCharacters(), p.getTextOffset(), length - 2)) {
                            return null;
                        }
                        break;
                    case VALUE_NUMBER_INT: {
                        length = p.getTextLength();
                        char[] digits = p.getTextCharacters();
                        int at = p.getTextOffset();
                        if (length == 2 && digits[at] == '-' && digits[at + 1] == '0') {
                            return null; // parsed as 0; other integers print as the same digits, long ones too
                        }
                        break;
                    }
                    case START_OBJECT:
                    case START_ARRAY:
                        if (++depth == open.length) {
                            open = Arrays.copyOf(open, 2 * depth);
                        }
                        open[depth] = count;
                        length = 1;
                        break;
                    case END_OBJECT:
                    case END_ARRAY:
                        if (depth > 1) {
                            count = open[depth]; // the names of the top-level object stay
                        }
                        depth--;
                        length = 1;
                        break;
                    case VALUE_TRUE:
                    case VALUE_NULL:
                        length = 4;
                        break;
                    case VALUE_FALSE:
                        length = 5;
                        break;
                    default:
                        return null; // a fraction or an exponent
                }
                end = start + length;
            }
            if (end != n || p.nextToken() != null) {
                return null;
            }
            return CompactJsonObject.of(text, Arrays.copyOf(nameAt, count));
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: the parse decides
        }
    }

    /** Whether {@code names[from, to)} holds the name (the parser's names are interned: their hashes are kept). */
    private static boolean isOneOf(String name, String[] names, int from, int to) {
        int h = name.hashCode();
        for (int i = from; i < to; i++) {
            String other = names[i];
            if (other == name || (other.hashCode() == h && other.equals(name))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Over the parser's own chars of a string value, not the text again (a String's charAt costs more). */
    private static boolean hasSurrogate(char[] chars, int from, int length) {
        for (int i = from, end = from + length; i < end; i++) {
            if (Character.isSurrogate(chars[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether a string or name is printed as it is, between quotes: nothing to escape, no surrogate. */
    public static boolean printsAsIs(CharSequence s) {
        return printsAsIs(s, 0, s.length());
    }

    /** {@link #printsAsIs(CharSequence)} of the chars {@code s[from, to)}. */
    static boolean printsAsIs(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!printsAsIs(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean printsAsIs(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c);
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
