package com.exportservice.output;

import static com.exportservice.output.Fixtures.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.exportservice.config.DataType;
import com.exportservice.config.DemoDataTypes;
import com.exportservice.config.FieldType;
import com.exportservice.record.ExportRecord;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;
import com.exportservice.transform.RecordTransformer;
import com.exportservice.validation.RecordValidator;
import com.exportservice.validation.ValidationStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The metadata's JSON text built without a map (RecordTransformer's compact path, taken when validation
 * kept a json field's text as a {@code CompactJsonObject}) against the map path (a validator that keeps
 * nothing and a transformer that parses and merges into a map, as before): for generated and edge-case rows,
 * every format's file is byte for byte the same, and so are the validation errors and the map
 * {@code metadata()} gives.
 */
class CompactMetadataTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
    private static final String TS = "2026-11-29T10:00:00Z";
    private static final OutputFormat[] FORMATS = {OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.CSV};

    /** The message's pairs and the json field's text: the path the benchmark table's rows take. */
    @Test
    void should_build_the_metadata_text_from_the_pairs_and_the_objects_text() {
        Paths logs = new Paths(DemoDataTypes.LOGS, true);
        String json = "{\"thread\":\"worker-11\",\"pid\":13135,\"region\":\"eu-central-1\",\"version\":\"2.5.0\","
                + "\"http\":{\"method\":\"DELETE\",\"status\":200}}";
        Object[] row = logRow("order created order_id=ord-432779 user=judy items=6 total=71.77 currency=EUR", json);

        ExportRecord compact = logs.assertSameOutput(row);

        assertThat(compact.metadataJson()).isEqualTo("{\"order_id\":\"ord-432779\",\"user\":\"judy\",\"items\":\"6\","
                + "\"total\":\"71.77\",\"currency\":\"EUR\",\"thread\":\"worker-11\",\"pid\":13135,\"region\":\"eu-central-1\","
                + "\"version\":\"2.5.0\",\"http\":{\"method\":\"DELETE\",\"status\":200}}");
        assertThat(logs.assertSameOutput(logRow("no pairs here", json)).metadataJson()).isSameAs(json);
        assertThat(logs.assertSameOutput(logRow("user=judy", null)).metadataJson()).isEqualTo("{\"user\":\"judy\"}");
        // a name repeated in another object, or a pair's key inside a nested one: nothing is replaced
        String nested = "{\"http\":{\"method\":\"GET\"},\"a\":{\"method\":1,\"http\":[{\"http\":2}]}}";
        assertThat(logs.assertSameOutput(logRow("method=x", nested)).metadataJson()).isEqualTo("{\"method\":\"x\"," + nested.substring(1));
    }

    /** Texts the writers would print otherwise, or that are not one object: the map path, the same bytes. */
    @Test
    void should_leave_to_the_map_what_would_print_otherwise() {
        Paths logs = new Paths(DemoDataTypes.LOGS, true);
        String[][] rows = {
                {"m", "{\"a\": 1}"}, {"m", " {\"a\":1}"}, {"m", "{\"a\":1} "}, {"m", "{\n\"a\":1}"},
                {"m", "{\"a\":\"x\\u0041\"}"}, {"m", "{\"a\":\"x\\/y\"}"}, {"m", "{\"a\":\"q\\\"q\"}"}, {"m", "{\"a\\u0062\":1}"},
                {"m", "{\"a\":1.5}"}, {"m", "{\"a\":1.10}"}, {"m", "{\"a\":1e5}"}, {"m", "{\"a\":-0}"}, {"m", "{\"a\":-0.0}"},
                {"m", "{\"a\":1234567890123456789}"}, {"m", "{\"a\":123456789012345678901234567890}"},
                {"m", "{\"a\":\"\uD83D\uDE00\"}"}, {"m", "{\"\uD83D\uDE00\":1}"}, {"m", "{\"a\":\"\uD800\"}"},
                {"m", "{\"a\":1,\"a\":2}"}, {"m", "{\"a\":{\"b\":1,\"b\":2}}"}, {"m", "{\"a\":[{\"b\":1,\"c\":2,\"b\":3}]}"},
                {"a=pair", "{\"a\":1}"}, {"b=1 b=2", "{\"a\":1}"}, {"k=\"say \\\"hi\\\"\"", "{\"a\":1}"},
                {"k=caf\u00e9\uD83D\uDE00", "{\"a\":1}"}, {"k=\"back\\\\slash\"", null},
                {"m", "[1,2]"}, {"m", "\"s\""}, {"m", "12"}, {"m", "null"}, {"m", "true"}, {"m", "{}"}, {"k=v", "{}"},
                {"m", ""}, {"m", "   "}, {"m", "{\"a\":1}x"}, {"m", "{\"a\":1}{}"}, {"m", "{\"a\":}"}, {"m", "{'a':1}"},
                {"m", "{\"a\":1"}, {null, "{\"a\":1}"}, {null, null}, {"k=v", "{\"a\":[]}"},
        };
        for (String[] r : rows) {
            logs.assertSameOutput(logRow(r[0], r[1]));
        }
        // metadata text longer than the generator's buffer (8,000 bytes), two bytes a char: copied in one piece
        String wide = "{\"a\":\"" + "\u00e9".repeat(4500) + "\",\"b\":[" + "1,".repeat(100) + "2]}";
        assertThat(logs.assertSameOutput(logRow("k=v caf\u00e9=x", wide)).metadataJson()).isEqualTo("{\"k\":\"v\"," + wide.substring(1));
        assertThat(logs.assertSameOutput(logRow("m", wide)).metadataJson()).isSameAs(wide);
        // a value the driver parsed already, and one that is no text
        assertThat(logs.assertSameOutput(logRow("k=v", Map.of("a", 1))).metadataJson()).isNull();
        logs.assertSameOutput(logRow("k=v", 12));
        // past the parser's number length limit: valid JSON, not parsed into metadata
        logs.assertSameOutput(logRow("k=v", "{\"a\":1" + "0".repeat(1000) + ",\"b\":-" + "9".repeat(1200) + "}"));
        assertThat(logs.assertSameOutput(logRow("m", "{\"a\": 1}")).metadataJson()).isNull();
        assertThat(logs.assertSameOutput(logRow("a=pair", "{\"a\":1}")).metadataJson()).isNull();
        assertThat(logs.assertSameOutput(logRow("m", "{\"a\":\"\u00e9\u4e2d\u007f\u2028/<'\"}")).metadataJson()).isNotNull();
    }

    @Test
    void should_print_generated_rows_as_the_map_path_in_every_format() {
        Random random = new Random(8);
        DataType twoTexts = new DataType("t", "t", null, "id", null, List.of(
                field("id", "id", FieldType.INTEGER), field("a", "a", FieldType.TEXT),
                field("b", "b", FieldType.TEXT), field("p", "payload", FieldType.JSON)));
        DataType twoJson = new DataType("t", "t", null, "id", null, List.of(
                field("id", "id", FieldType.INTEGER), field("a", "a", FieldType.TEXT),
                field("p", "p", FieldType.JSON), field("q", "q", FieldType.JSON)));
        DataType onlyMetadata = new DataType("t", "t", null, "id", null, List.of(
                field("meta", "metadata", FieldType.JSON))); // the metadata is the csv record's first cell
        Paths logs = new Paths(DemoDataTypes.LOGS, true);
        Paths withoutMetadata = new Paths(DemoDataTypes.LOGS, false);
        Paths texts = new Paths(twoTexts, true);
        Paths json = new Paths(twoJson, true);
        Paths only = new Paths(onlyMetadata, true);
        int compact = 0;
        int rows = 3000;
        for (int i = 0; i < rows; i++) {
            Json gen = new Json(random);
            String text = gen.text();
            String message = Json.message(random);
            if (logs.assertSameOutput(logRow(message, text)).metadataJson() != null) {
                compact++;
            }
            withoutMetadata.assertSameOutput(logRow(message, text));
            texts.assertSameOutput(new Object[] {(long) i, message, Json.message(random), text});
            json.assertSameOutput(new Object[] {(long) i, message, text, random.nextBoolean() ? text : gen.text()});
            only.assertSameOutput(new Object[] {text});
        }
        // both paths are exercised: the generator makes clean objects and every way out of the compact path
        assertThat(compact).isBetween(rows / 5, rows * 4 / 5);
    }

    private static Object[] logRow(String message, Object metadata) {
        return DemoDataTypes.logRow(1L, TS, "INFO", message, "app", "web-1", null, metadata);
    }

    /** One data type's validator and transformer for each path, reused from row to row as the engine does. */
    private static final class Paths {
        final DataType type;
        final boolean includeMetadata;
        final RecordValidator keeping;
        final RecordValidator checking;
        final RecordTransformer compactTransformer;
        final RecordTransformer mapTransformer;

        Paths(DataType type, boolean includeMetadata) {
            this.type = type;
            this.includeMetadata = includeMetadata;
            this.keeping = new RecordValidator(type, CLOCK, ZoneOffset.UTC, includeMetadata);
            this.checking = new RecordValidator(type, CLOCK, ZoneOffset.UTC, false);
            this.compactTransformer = new RecordTransformer(type, ZoneOffset.UTC, includeMetadata);
            this.mapTransformer = new RecordTransformer(type, ZoneOffset.UTC, includeMetadata, false);
        }

        /** Runs the row both ways, asserts the same files, errors and metadata map; returns the compact path's record. */
        ExportRecord assertSameOutput(Object[] row) {
            ExportRecord compact = new ExportRecord(row.clone(), row[0]);
            ExportRecord map = new ExportRecord(row.clone(), row[0]);
            keeping.validate(compact, new ValidationStats());
            compactTransformer.transform(compact);
            checking.validate(map, new ValidationStats());
            mapTransformer.transform(map);
            String input = java.util.Arrays.toString(row);
            assertThat(map.metadataJson()).as(input).isNull();
            assertThat(compact.validationErrors()).as(input).isEqualTo(map.validationErrors());
            RecordContext context = new RecordContext(type.name(), "exp-1", "2026-11-30T00:00:00.000Z", includeMetadata);
            for (OutputFormat format : FORMATS) {
                assertThat(Fixtures.write(format, type, context, compact)).as(format + " " + input)
                        .isEqualTo(Fixtures.write(format, type, context, map));
            }
            if (includeMetadata) {
                // the map made of the text for other readers: the same entries in the same order
                Map<String, Object> fromText = compact.metadata();
                assertThat(new ArrayList<>(fromText.entrySet())).as(input).isEqualTo(new ArrayList<>(map.metadata().entrySet()));
                ExportRecord rewritten = new ExportRecord(compact.values().clone(), row[0]);
                rewritten.setValidationErrors(compact.validationErrors());
                rewritten.setMetadata(fromText);
                assertThat(Fixtures.write(OutputFormat.JSONL, type, context, rewritten)).as(input)
                        .isEqualTo(Fixtures.write(OutputFormat.JSONL, type, context, map));
            }
            return compact;
        }
    }

    /**
     * Random JSON text, mostly compact objects, with now and then what takes a text off the compact path:
     * whitespace, escapes, fractions and exponents, -0, long integers, surrogates, repeated names, another
     * top-level value, broken text.
     */
    private static final class Json {
        private static final String[] NAMES = {"a", "b", "pid", "user", "http", "status", "x", "caf\u00e9", "\u4e2d", "k.v-1",
                "", "q\"q", "\uD83D\uDE00", "sp ace"};
        private static final String[] NUMBERS = {"0", "-0", "7", "-12", "13135", "123456789012345678", "-12345678901234567",
                "1234567890123456789", "99999999999999999999", "1.5", "1.10", "-0.0", "1e5", "1E-8", "2.5e+3", "0.000001", "-1.0E2"};
        private static final String[] CHARS = {"a", "Z", "0", " ", "-", ".", "/", "'", "<", "\u00e9", "\u4e2d", "\u007f", "\u2028",
                "\u00a0", "\uFFFD", "\uD83D\uDE00", "\uD800", "\"", "\\", "\n", "\t", "\u0001"};
        private static final String[] SPACE = {" ", "\n", "\t", "\r\n"};
        private final Random random;
        private final StringBuilder b = new StringBuilder();

        Json(Random random) {
            this.random = random;
        }

        String text() {
            b.setLength(0);
            int kind = random.nextInt(100);
            if (kind < 3) {
                return kind == 0 ? null : kind == 1 ? "" : "  ";
            }
            space(0.02);
            if (kind < 88) {
                object(0);
            } else {
                value(0);
            }
            space(0.02);
            String s = b.toString();
            int broken = random.nextInt(100);
            if (broken < 3 && s.length() > 1) {
                return s.substring(0, 1 + random.nextInt(s.length() - 1));
            }
            return broken < 5 ? s + (random.nextBoolean() ? "x" : "{}") : s;
        }

        private void object(int depth) {
            b.append('{');
            int n = random.nextInt(depth == 0 ? 7 : 4);
            List<String> used = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    separator(',');
                }
                space(0.01);
                String name = !used.isEmpty() && random.nextInt(40) == 0 ? used.get(random.nextInt(used.size()))
                        : random.nextInt(6) == 0 ? NAMES[random.nextInt(NAMES.length)] : "n" + random.nextInt(1000);
                used.add(name);
                string(name);
                separator(':');
                value(depth + 1);
            }
            space(0.01);
            b.append('}');
        }

        private void value(int depth) {
            int kind = random.nextInt(100);
            if (kind < 40) {
                string(random.nextInt(3) == 0 ? randomString() : "v" + random.nextInt(100));
            } else if (kind < 65) {
                b.append(random.nextInt(4) == 0 ? NUMBERS[random.nextInt(NUMBERS.length)] : Integer.toString(random.nextInt(100000)));
            } else if (kind < 75) {
                b.append(kind < 69 ? "true" : kind < 72 ? "false" : "null");
            } else if (kind < 88 && depth < 3) {
                object(depth);
            } else if (depth < 3) {
                b.append('[');
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    if (i > 0) {
                        separator(',');
                    }
                    value(depth + 1);
                }
                b.append(']');
            } else {
                b.append("1");
            }
        }

        private String randomString() {
            StringBuilder s = new StringBuilder();
            for (int i = 0, n = random.nextInt(6); i < n; i++) {
                s.append(random.nextInt(8) == 0 ? CHARS[random.nextInt(CHARS.length)] : "w");
            }
            return s.toString();
        }

        /** A JSON string: escaped as JSON needs, now and then a char escaped that need not be. */
        private void string(String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else if (random.nextInt(200) == 0) {
                    b.append(c == '/' ? "\\/" : String.format("\\u%04X", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }

        private void separator(char c) {
            space(0.01);
            b.append(c);
            space(0.01);
        }

        private void space(double probability) {
            if (random.nextDouble() < probability) {
                b.append(SPACE[random.nextInt(SPACE.length)]);
            }
        }

        /** A message with key=value pairs: keys that repeat or are the json's names, values that need escaping. */
        static String message(Random random) {
            if (random.nextInt(20) == 0) {
                return random.nextBoolean() ? null : "no pairs";
            }
            String[] keys = {"order_id", "user", "items", "total", "a", "pid", "http", "b", "k"};
            String[] values = {"ord-1", "judy", "6", "71.77", "caf\u00e9", "\u4e2d", "\"q \\\"x\\\"\"", "\"b\\\\s\"", "x\uD83D\uDE00",
                    "\"with space\"", "=bad", "\u007f", "a/b"};
            StringBuilder m = new StringBuilder("event");
            for (int i = 0, n = random.nextInt(6); i < n; i++) {
                String key = random.nextInt(3) == 0 ? keys[random.nextInt(keys.length)] : "key" + random.nextInt(30);
                String value = random.nextInt(4) == 0 ? values[random.nextInt(values.length)] : "v" + random.nextInt(50);
                m.append(' ').append(key).append('=').append(value);
            }
            return m.toString();
        }
    }
}
