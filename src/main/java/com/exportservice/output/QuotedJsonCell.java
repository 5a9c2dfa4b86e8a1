package com.exportservice.output;

import com.exportservice.record.RecordContext;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Prints a csv cell holding a JSON object (the metadata and context cells) straight into the csv text,
 * as Commons CSV prints it after another cell of the record: the delimiter, then the JSON text quoted
 * with each {@code "} doubled. A JSON object with at least one member always holds a {@code "} (its
 * names are strings), which Commons CSV's minimal quoting always quotes, so the quoting is known before
 * the text is: the generator writes through the doubling instead of into a String that the printer
 * then scans and copies again (CsvRecordWriterTest compares both ways).
 */
final class QuotedJsonCell {
    private static final char QUOTE = '"';

    private final String delimiter = CSVFormat.RFC4180.getDelimiterString();
    private final Doubling out;
    private JsonGenerator gen;

    QuotedJsonCell(Utf8Appendable text) throws IOException {
        this.out = new Doubling(text);
        newGenerator();
    }

    /** Prints a cell holding a non-empty map as a JSON object; never a record's first cell. */
    void print(Map<?, ?> value) throws IOException {
        print(gen -> JsonValues.write(gen, value));
    }

    /** Prints a cell holding a JSON object's text with at least one member; never a record's first cell. */
    void print(String json) {
        out.text.append(delimiter);
        out.text.appendQuoted(json);
    }

    /** Prints a record's context object (it has members); never a record's first cell. */
    void printContext(RecordContext context, List<String> validationErrors) throws IOException {
        print(gen -> JsonValues.writeContext(gen, context, validationErrors));
    }

    /** What a cell's generator writes. */
    @FunctionalInterface
    private interface Json {
        void writeTo(JsonGenerator gen) throws IOException;
    }

    private void print(Json json) throws IOException {
        out.text.append(delimiter).append(QUOTE);
        try {
            json.writeTo(gen);
            gen.flush();
        } catch (IOException | RuntimeException e) {
            newGenerator(); // a generator that failed mid-value is in an unknown state
            throw e;
        }
        out.text.append(QUOTE);
    }

    private void newGenerator() throws IOException {
        gen = JsonValues.FACTORY.createGenerator(out);
        gen.setRootValueSeparator(null);
    }

    /** Appends what it is given to the text with every {@code "} doubled. */
    private static final class Doubling extends Writer {
        final Utf8Appendable text;

        Doubling(Utf8Appendable text) {
            this.text = text;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            text.appendDoublingQuotes(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            text.appendDoublingQuotes(str, off, len);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
            if (c == QUOTE) {
                text.append(QUOTE);
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
