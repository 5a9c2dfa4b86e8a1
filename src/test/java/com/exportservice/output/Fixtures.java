package com.exportservice.output;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Data types, records and a write-to-string helper shared by the output tests. */
final class Fixtures {
    static final String EXPORTED_AT = "2026-11-26T04:13:03.123Z";
    static final RecordContext WITH_METADATA = new RecordContext("logs", "exp-1", EXPORTED_AT, true);
    static final RecordContext WITHOUT_METADATA = new RecordContext("logs", "exp-1", EXPORTED_AT, false);

    private Fixtures() {
    }

    static FieldDef field(String column, String name, FieldType type) {
        return new FieldDef(column, name, type, false, List.of(), Map.of(), null);
    }

    /** id, ts renamed to timestamp, message (text), host (string), amount (number), ok (boolean), payload (json). */
    static DataType logs() {
        return new DataType("logs", "logs", null, "id", "ts", List.of(
                field("id", "id", FieldType.INTEGER),
                field("ts", "timestamp", FieldType.TIMESTAMP),
                field("message", "message", FieldType.TEXT),
                field("host", "host", FieldType.STRING),
                field("amount", "amount", FieldType.NUMBER),
                field("ok", "ok", FieldType.BOOLEAN),
                field("payload", "payload", FieldType.JSON)));
    }

    /** id, message and a json field whose output name is the reserved 'metadata'. */
    static DataType withMetadataField() {
        return new DataType("logs", "logs", null, "id", null, List.of(
                field("id", "id", FieldType.INTEGER),
                field("message", "message", FieldType.TEXT),
                field("meta_col", "metadata", FieldType.JSON)));
    }

    /** id and one string field. */
    static DataType idAndText() {
        return new DataType("logs", "logs", null, "id", null, List.of(
                field("id", "id", FieldType.INTEGER),
                field("s", "s", FieldType.STRING)));
    }

    static ExportRecord record(Object... values) {
        return new ExportRecord(Arrays.copyOf(values, values.length), values[0]);
    }

    static ExportRecord logRecord(long id, String message) {
        return record(id, "2026-11-01T00:00:00.000Z", message, "host-" + id, null, true, null);
    }

    /** A complete file (header, records, footer) written by one writer. */
    static String write(OutputFormat format, DataType type, RecordContext context, ExportRecord... records) {
        return new String(writeBytes(format, type, context, records), StandardCharsets.UTF_8);
    }

    /** {@link #write}'s file as its bytes. */
    static byte[] writeBytes(OutputFormat format, DataType type, RecordContext context, ExportRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter writer = RecordWriters.create(format, type, context, out, 0)) {
            writer.writeHeader();
            for (ExportRecord r : records) {
                writer.write(r);
            }
            writer.writeFooter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Strings that break naive writers: quoting, separators, line breaks, escapes, non-ASCII. */
    static final List<String> TRICKY = List.of(
            "plain",
            "",
            " leading and trailing ",
            "comma, inside",
            "quote \" inside and \"\" doubled",
            "'single'",
            "line\nbreak",
            "crlf\r\nbreak",
            "lone cr\rinside",
            "tab\tinside",
            "back\\slash \\n not a newline",
            "emoji 😀👍🏽 and flags 🇩🇪",
            "CJK 漢字かなカナ한국어",
            "combining e\u0301 a\u0308 and precomposed é",
            "RTL עברית العربية",
            "control \u0001\u001f chars",
            "{\"looks\": \"like json\"}",
            "null",
            "#hash first",
            "\u2028 line separator \u2029");
}
