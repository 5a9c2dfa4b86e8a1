package com.exportservice.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ZipPackagerTest {
    @TempDir
    Path dir;

    private List<Path> exportFiles() throws IOException {
        byte[] big = new byte[200_000];
        new Random(1).nextBytes(big);
        return List.of(
                Files.writeString(dir.resolve("logs.jsonl"), "{\"id\":1,\"message\":\"漢字 😀\"}\n"),
                Files.write(dir.resolve("events.jsonl"), big),
                Files.writeString(dir.resolve("validation-report.json"), "{}"));
    }

    private static Map<String, byte[]> unzip(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void should_stream_a_zip_to_a_caller_stream_and_leave_it_open() throws IOException {
        List<Path> files = exportFiles();
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new ZipPackager(1).writeZip(files, out);

        assertThat(closed[0]).isFalse();
        Map<String, byte[]> entries = unzip(new ByteArrayInputStream(out.toByteArray()));
        assertThat(entries.keySet()).containsExactly("logs.jsonl", "events.jsonl", "validation-report.json");
        assertThat(entries.get("events.jsonl")).isEqualTo(Files.readAllBytes(files.get(1)));
    }
}
