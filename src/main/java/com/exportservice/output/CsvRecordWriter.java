package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * csv: RFC 4180 (CRLF, minimal quoting), a header row of output names, one reused printer.
 * {@code metadata} and {@code context} cells hold JSON text; string cells are guarded against
 * formula injection (contract sections 5.1 and 10).
 */
final class CsvRecordWriter implements ContinuableWriter {
    private static final String EMPTY_OBJECT = "{}";
    /** The text is encoded and handed to the stream once it holds this many chars (at a record's end; small, so that one non-Latin-1 char makes little text take the slower UTF-16 encoding). */
    private static final int DRAIN_AT = 8 * 1024;

    private final RecordLayout layout;
    private final OutputStream out;
    /**
     * What Commons CSV prints into: a StringBuilder takes its many small appends (a cell, or the pieces
     * between doubled quotes) as plain copies, where a Writer would make a String of each and take a lock.
     */
    private final StringBuilder text = new StringBuilder(DRAIN_AT + 8 * 1024);
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private char[] chars = new char[DRAIN_AT + 8 * 1024];
    private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024);
    private final CSVPrinter printer;
    private final JsonCellEncoder json;
    /** The metadata and context cells, when a cell comes before them (the record's fields). */
    private final QuotedJsonCell quotedJson;
    private final String validContext;
    /** {@link #validContext} printed as a record's last cell ({@link #printedCell}). */
    private final String validContextCell;
    private long records;

    CsvRecordWriter(RecordLayout layout, OutputStream out, long recordsAlreadyInFile) throws IOException {
        this.layout = layout;
        this.records = recordsAlreadyInFile;
        this.out = out;
        // no header in the format: the header row is written only into a new file (writeHeader)
        this.printer = new CSVPrinter(text, CSVFormat.RFC4180);
        this.json = new JsonCellEncoder();
        this.quotedJson = layout.size() > 0 ? new QuotedJsonCell(text) : null;
        this.validContext = layout.includeMetadata() ? JsonValues.validContextJson(layout.context) : null;
        this.validContextCell = validContext == null ? null : printedCell(validContext);
    }

    /**
     * A cell as Commons CSV prints it after another cell of a record: its delimiter and the quoted value.
     * The context cell of a valid record is the same in every record of the file, so the printer quotes
     * it once, here, rather than once per record.
     */
    private static String printedCell(String value) throws IOException {
        StringBuilder cell = new StringBuilder(value.length() + 16);
        CSVFormat.RFC4180.print(value, cell, false);
        return cell.toString();
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
            if (metadata == null || metadata.isEmpty()) {
                printer.print(EMPTY_OBJECT);
            } else if (quotedJson != null) {
                quotedJson.print(metadata);
            } else {
                printer.print(json.encode(metadata));
            }
            if (record.isValid()) {
                text.append(validContextCell); // never a record's first cell: the metadata cell is before it
            } else {
                printInvalidContext(record);
            }
        }
        printer.println();
        records++;
        if (text.length() >= DRAIN_AT) {
            drain();
        }
    }

    private void printInvalidContext(ExportRecord record) throws IOException {
        if (quotedJson != null) {
            quotedJson.printContext(layout.context, record.validationErrors());
        } else {
            printer.print(json.encodeContext(layout.context, record.validationErrors()));
        }
    }

    /**
     * Encodes the printed text into the stream, through a reused char array, encoder and byte buffer
     * (no String and byte array per piece: a csv export otherwise allocates its output twice over). Only
     * at a record's end (CRLF), so a surrogate pair is never split; a lone surrogate becomes {@code ?}
     * as with an OutputStreamWriter.
     */
    private void drain() throws IOException {
        int n = text.length();
        if (n == 0) {
            return;
        }
        if (chars.length < n) {
            chars = new char[n];
        }
        text.getChars(0, n, chars, 0);
        text.setLength(0);
        CharBuffer in = CharBuffer.wrap(chars, 0, n);
        encoder.reset();
        CoderResult result;
        do {
            result = encoder.encode(in, bytes, true);
            writeBytes();
        } while (result.isOverflow());
        while (encoder.flush(bytes).isOverflow()) {
            writeBytes();
        }
        writeBytes();
    }

    /** The encoded bytes to the stream: at most the buffer's 16 KB, which the data file copies into its own. */
    private void writeBytes() throws IOException {
        if (bytes.position() > 0) {
            out.write(bytes.array(), 0, bytes.position());
            bytes.clear();
        }
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
    public void continueAfter(long recordsInFile) {
        records = recordsInFile;
    }

    @Override
    public void append(RecordEncoder encoded) throws IOException {
        drain();
        encoded.writeTo(out);
        records += encoded.records();
    }

    @Override
    public void writeFooter() throws IOException {
        flush();
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public long recordsInFile() {
        return records;
    }

    @Override
    public void close() throws IOException {
        // CSVPrinter.close() would close the data file's stream, which belongs to the caller
        flush();
    }
}
