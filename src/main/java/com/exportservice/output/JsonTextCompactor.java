package com.exportservice.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * Re-emits the text of a {@code json} field as compact JSON in a single parse, into a scratch buffer
 * reused for a whole file: the text is only known to be JSON once it has been read to the end, and a
 * half-written value could not be taken back out of the record's generator.
 */
final class JsonTextCompactor {
    /** Parsing only: copied field names need no interning. */
    private static final JsonFactory PARSING = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    /**
     * Characters from the surrogate range up are escaped in the scratch text, so a lone surrogate
     * decoded from a {@code \\u} escape cannot reach the UTF-8 output raw (Jackson refuses that).
     */
    private static final int HIGHEST_RAW_CHAR = 0xD7FF;

    private final CharBuffer buffer = new CharBuffer();
    private JsonGenerator scratch;

    JsonTextCompactor() throws IOException {
        newScratch();
    }

    /**
     * True when {@code text} is exactly one JSON value; its compact form is then in {@link #chars()}
     * up to {@link #length()}.
     */
    boolean compact(String text) {
        if (!mayStartJson(text)) {
            return false;
        }
        buffer.length = 0;
        boolean ok;
        try (JsonParser p = PARSING.createParser(text)) {
            ok = copyOneValue(p) && p.nextToken() == null;
            scratch.flush();
        } catch (IOException e) {
            ok = false;
        }
        if (!ok && !scratch.getOutputContext().inRoot()) {
            // stopped inside an object or array: the generator expects the rest of it
            try {
                newScratch();
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a JSON generator", e);
            }
        }
        return ok;
    }

    char[] chars() {
        return buffer.chars;
    }

    int length() {
        return buffer.length;
    }

    private boolean copyOneValue(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return false;
        }
        int depth = 0;
        while (true) {
            switch (t) {
                case START_OBJECT -> {
                    scratch.writeStartObject();
                    depth++;
                }
                case START_ARRAY -> {
                    scratch.writeStartArray();
                    depth++;
                }
                case END_OBJECT -> {
                    scratch.writeEndObject();
                    depth--;
                }
                case END_ARRAY -> {
                    scratch.writeEndArray();
                    depth--;
                }
                case FIELD_NAME -> scratch.writeFieldName(p.currentName());
                case VALUE_STRING -> scratch.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                // the parser checked the spelling; copying the text keeps every digit
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scratch.writeNumber(p.getText());
                case VALUE_TRUE -> scratch.writeBoolean(true);
                case VALUE_FALSE -> scratch.writeBoolean(false);
                case VALUE_NULL -> scratch.writeNull();
                default -> {
                    return false;
                }
            }
            if (depth == 0) {
                return true;
            }
            t = p.nextToken();
            if (t == null) {
                return false;
            }
        }
    }

    /** Cheap pre-check that spares a parser for the common plain-text value. */
    static boolean mayStartJson(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9')
                    || c == 't' || c == 'f' || c == 'n';
        }
        return false;
    }

    private void newScratch() throws IOException {
        scratch = JsonValues.FACTORY.createGenerator(buffer);
        scratch.setRootValueSeparator(null);
        scratch.setHighestNonEscapedChar(HIGHEST_RAW_CHAR);
    }

    /** A growable char array the scratch generator writes into. */
    private static final class CharBuffer extends Writer {
        char[] chars = new char[256];
        int length;

        @Override
        public void write(char[] cbuf, int off, int len) {
            ensure(len);
            System.arraycopy(cbuf, off, chars, length, len);
            length += len;
        }

        @Override
        public void write(String str, int off, int len) {
            ensure(len);
            str.getChars(off, off + len, chars, length);
            length += len;
        }

        @Override
        public void write(int c) {
            ensure(1);
            chars[length++] = (char) c;
        }

        private void ensure(int more) {
            if (length + more > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
