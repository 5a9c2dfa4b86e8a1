package com.exportservice.output;

import com.exportservice.record.RecordContext;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Turns values into JSON text for csv cells, reusing one generator and one buffer for a whole file.
 */
final class JsonCellEncoder {
    private final StringBuilderWriter buffer = new StringBuilderWriter();
    private JsonGenerator gen;

    JsonCellEncoder() throws IOException {
        newGenerator();
    }

    String encode(Object value) throws IOException {
        buffer.sb.setLength(0);
        try {
            JsonValues.write(gen, value);
            gen.flush();
        } catch (IOException | RuntimeException e) {
            // a generator that failed mid-value is in an unknown state
            newGenerator();
            throw e;
        }
        return buffer.sb.toString();
    }

    String encodeContext(RecordContext context, List<String> validationErrors) throws IOException {
        buffer.sb.setLength(0);
        try {
            JsonValues.writeContext(gen, context, validationErrors);
            gen.flush();
        } catch (IOException | RuntimeException e) {
            newGenerator();
            throw e;
        }
        return buffer.sb.toString();
    }

    private void newGenerator() throws IOException {
        gen = JsonValues.FACTORY.createGenerator(buffer);
        gen.setRootValueSeparator(null);
    }

    /** A Writer over a StringBuilder that, unlike StringWriter, is not synchronized. */
    private static final class StringBuilderWriter extends Writer {
        final StringBuilder sb = new StringBuilder(256);

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, off + len);
        }

        @Override
        public void write(int c) {
            sb.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
