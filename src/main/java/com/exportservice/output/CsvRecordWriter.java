package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * csv: RFC 4180 (CRLF, minimal quoting, cells printed as Commons CSV prints them: {@link CsvCell}), a
 * header row of output names.
 * {@code metadata} and {@code context} cells hold JSON text; string cells are guarded against
 * formula injection (contract sections 5.1 and 10).
 */
final class CsvRecordWriter implements ContinuableWriter {
    private static final String EMPTY_OBJECT = "{}";
    /** The bytes are handed to the stream once they are this many (at a record's end). */
    private static final int DRAIN_AT = 16 * 1024;
    /** Pieces handed to the stream: at most 16 KB, which the data file copies into its own buffer. */
    private static final int PIECE = 16 * 1024;

    private final RecordLayout layout;
    private final OutputStream out;
    /**
     * What Commons CSV prints into: its many small appends (a cell, or the pieces between doubled quotes)
     * encoded to UTF-8 as they come, where a Writer would make a String of each and take a lock, and a
     * StringBuilder would need a copy and an encoder after it.
     */
    private final Utf8Appendable text = new Utf8Appendable(DRAIN_AT + 16 * 1024);
    private final JsonCellEncoder json;
    /** The metadata and context cells, when a cell comes before them (the record's fields). */
    private final QuotedJsonCell quotedJson;
    private final String validContext;
    /** {@link #validContext} printed as a record's last cell ({@link #printedCell}), in UTF-8. */
    private final byte[] validContextCell;
    private long records;

    CsvRecordWriter(RecordLayout layout, OutputStream out, long recordsAlreadyInFile) throws IOException {
        this.layout = layout;
        this.records = recordsAlreadyInFile;
        this.out = out;
        this.json = new JsonCellEncoder();
        this.quotedJson = layout.size() > 0 ? new QuotedJsonCell(text) : null;
        this.validContext = layout.includeMetadata() ? JsonValues.validContextJson(layout.context) : null;
        this.validContextCell = validContext == null ? null : printedCell(validContext).getBytes(StandardCharsets.UTF_8);
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
        // the header row is written only into a new file
        boolean first = true;
        for (String name : layout.names) {
            CsvCell.print(text, name, first);
            first = false;
        }
        if (layout.includeMetadata()) {
            CsvCell.print(text, RecordLayout.METADATA, first);
            CsvCell.print(text, RecordLayout.CONTEXT, false);
        }
        CsvCell.endRecord(text);
    }

    @Override
    public void write(ExportRecord record) throws IOException {
        Object[] values = record.values();
        int[] indexes = layout.valueIndexes;
        for (int k = 0; k < indexes.length; k++) {
            Object v = values[indexes[k]];
            if (v instanceof Long || v instanceof Integer) {
                // digits and a leading minus: never quoted, never guarded; printed without a String
                if (k > 0) {
                    text.appendAscii(',');
                }
                text.appendDecimal(((Number) v).longValue());
            } else {
                CsvCell.print(text, cell(v), k == 0);
            }
        }
        if (layout.includeMetadata()) {
            boolean first = indexes.length == 0;
            String metadataJson = record.metadataJson();
            Map<String, Object> metadata = metadataJson == null ? record.metadata() : null;
            if (metadataJson != null) {
                // the JSON text the map would print (RecordTransformer): quoted as the printer would
                if (quotedJson != null && !first) {
                    quotedJson.print(metadataJson);
                } else {
                    CsvCell.print(text, metadataJson, first);
                }
            } else if (metadata == null || metadata.isEmpty()) {
                CsvCell.print(text, EMPTY_OBJECT, first);
            } else if (quotedJson != null && !first) {
                quotedJson.print(metadata);
            } else {
                CsvCell.print(text, json.encode(metadata), first);
            }
            if (record.isValid()) {
                text.appendUtf8(validContextCell); // never a record's first cell: the metadata cell is before it
            } else {
                printInvalidContext(record);
            }
        }
        CsvCell.endRecord(text);
        records++;
        if (text.size() >= DRAIN_AT) {
            drain();
        }
    }

    private void printInvalidContext(ExportRecord record) throws IOException {
        if (quotedJson != null) {
            quotedJson.printContext(layout.context, record.validationErrors());
        } else {
            CsvCell.print(text, json.encodeContext(layout.context, record.validationErrors()), false);
        }
    }

    /** The printed bytes to the stream (at a record's end, or a batch's). */
    private void drain() throws IOException {
        text.drainTo(out, PIECE);
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
        // the data file's stream belongs to the caller: not closed here
        flush();
    }
}
