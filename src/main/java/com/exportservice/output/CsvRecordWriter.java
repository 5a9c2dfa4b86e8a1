package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * csv: RFC 4180 (CRLF, minimal quoting), a header row of output names, one reused printer.
 * {@code metadata} and {@code context} cells hold JSON text; string cells are guarded against
 * formula injection (contract sections 5.1 and 10).
 */
final class CsvRecordWriter implements RecordWriter {
    private static final String EMPTY_OBJECT = "{}";

    private final RecordLayout layout;
    private final CSVPrinter printer;
    private final JsonCellEncoder json;
    private final String validContext;
    private long records;

    CsvRecordWriter(RecordLayout layout, OutputStream out, long recordsAlreadyInFile) throws IOException {
        this.layout = layout;
        this.records = recordsAlreadyInFile;
        // no header in the format: the header row is written only into a new file (writeHeader)
        // a buffer in front of the encoder: Commons CSV appends small pieces, each of which would
        // otherwise become a substring, a CharBuffer and an encoder call
        this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024),
                CSVFormat.RFC4180);
        this.json = new JsonCellEncoder();
        this.validContext = layout.includeMetadata() ? JsonValues.validContextJson(layout.context) : null;
    }

    @Override
    public void writeHeader() throws IOException {
        for (String name : layout.names) {
            printer.print(name);
        }
        if (layout.includeMetadata()) {
            printer.print(RecordLayout.METADATA);
            printer.print(RecordLayout.CONTEXT);
        }
        printer.println();
    }

    @Override
    public void write(ExportRecord record) throws IOException {
        Object[] values = record.values();
        int[] indexes = layout.valueIndexes;
        for (int k = 0; k < indexes.length; k++) {
            printer.print(cell(values[indexes[k]]));
        }
        if (layout.includeMetadata()) {
            Map<String, Object> metadata = record.metadata();
            printer.print(metadata == null || metadata.isEmpty() ? EMPTY_OBJECT : json.encode(metadata));
            printer.print(record.isValid() ? validContext : json.encodeContext(layout.context, record.validationErrors()));
        }
        printer.println();
        records++;
    }

    /** The cell text of a value; null stays null (an empty cell). */
    private String cell(Object v) throws IOException {
        if (v == null) {
            return null;
        } else if (v instanceof String s) {
            return guard(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof Boolean) {
            return v.toString();
        } else if (v instanceof BigDecimal d) {
            return JsonValues.numberText(d);
        } else if (v instanceof Double d) {
            return Double.isFinite(d) ? d.toString() : null;
        } else if (v instanceof Float f) {
            return Float.isFinite(f) ? f.toString() : null;
        } else if (v instanceof Map<?, ?> || v instanceof Collection<?> || v instanceof Object[] || v instanceof JsonNode) {
            // begins with { or [ : never needs the formula guard
            return json.encode(v);
        } else {
            return guard(v.toString());
        }
    }

    /** Prefixes a string a spreadsheet would read as a formula with {@code '}. */
    static String guard(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    @Override
    public void writeFooter() throws IOException {
        printer.flush();
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public long recordsInFile() {
        return records;
    }

    @Override
    public void close() throws IOException {
        // CSVPrinter.close() would close the data file's stream, which belongs to the caller
        printer.flush();
    }
}
