package com.exportservice.output;

import com.exportservice.record.ExportRecord;
import com.exportservice.request.OutputFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static com.exportservice.output.Fixtures.WITH_METADATA;
import static com.exportservice.output.Fixtures.logRecord;
import static com.exportservice.output.Fixtures.logs;
import static org.assertj.core.api.Assertions.assertThat;

class RecordWritersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ExportRecord[] batch(int from, int count) {
        ExportRecord[] records = new ExportRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = logRecord(from + i, Fixtures.TRICKY.get((from + i) % Fixtures.TRICKY.size()));
        }
        return records;
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void should_continue_a_file_with_a_new_writer_as_if_one_writer_had_written_it(OutputFormat format) throws IOException {
        ExportRecord[] first = batch(0, 3);
        ExportRecord[] second = batch(3, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (RecordWriter writer = RecordWriters.create(format, logs(), WITH_METADATA, out, 0)) {
            writer.writeHeader();
            for (ExportRecord r : first) {
                writer.write(r);
            }
            writer.flush();
            assertThat(writer.recordsInFile()).isEqualTo(3);
        }
        try (RecordWriter writer = RecordWriters.create(format, logs(), WITH_METADATA, out, 3)) {
            for (ExportRecord r : second) {
                writer.write(r);
            }
            writer.writeFooter();
            assertThat(writer.recordsInFile()).isEqualTo(7);
        }

        String appended = out.toString(StandardCharsets.UTF_8);
        assertThat(appended).isEqualTo(Fixtures.write(format, logs(), WITH_METADATA, batch(0, 7)));
        assertThat(recordCount(format, appended)).isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void should_finish_a_file_whose_header_was_written_before_any_record(OutputFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter writer = RecordWriters.create(format, logs(), WITH_METADATA, out, 0)) {
            writer.writeHeader();
        }
        try (RecordWriter writer = RecordWriters.create(format, logs(), WITH_METADATA, out, 0)) {
            for (ExportRecord r : batch(0, 2)) {
                writer.write(r);
            }
            writer.writeFooter();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Fixtures.write(format, logs(), WITH_METADATA, batch(0, 2)));
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void should_not_close_the_stream_it_writes_to(OutputFormat format) throws IOException {
        CloseTrackingStream out = new CloseTrackingStream();

        try (RecordWriter writer = RecordWriters.create(format, logs(), WITH_METADATA, out, 0)) {
            writer.writeHeader();
            writer.write(logRecord(1, "m"));
            writer.writeFooter();
        }

        assertThat(out.closed).isFalse();
        assertThat(out.size()).isPositive();
    }

    @Test
    void should_push_written_records_into_the_stream_on_flush() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter writer = RecordWriters.create(OutputFormat.JSONL, logs(), WITH_METADATA, out, 0);

        writer.write(logRecord(1, "m"));
        writer.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("}\n");
    }

    private static long recordCount(OutputFormat format, String text) throws IOException {
        return switch (format) {
            case JSON -> MAPPER.readTree(text).size();
            case JSONL -> text.lines().map(line -> {
                try {
                    return MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).filter(JsonNode::isObject).count();
            case CSV -> {
                try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
                    yield parser.getRecords().size() - 1;
                }
            }
        };
    }

    private static final class CloseTrackingStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
