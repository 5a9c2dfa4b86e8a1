package com.exportservice.engine;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The export's zip through camel-zipfile's aggregation: every file under its name, in the export directory. */
class ExportZipAggregationTest {
    private final CamelContext camel = new DefaultCamelContext();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void should_pack_every_file_an_empty_one_too_into_the_exports_part_archive() throws Exception {
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        List<Path> files = List.of(
                Files.writeString(dir.resolve("logs.jsonl"), "{\"id\":1,\"message\":\"漢字 😀\"}\n"),
                Files.write(dir.resolve("events.jsonl"), big),
                Files.writeString(dir.resolve("metrics.jsonl"), ""),
                Files.writeString(dir.resolve("manifest.json"), "{}"));
        // what an interrupted earlier attempt left behind
        Files.writeString(dir.resolve("exp-1.zip.part"), "not a zip");

        Exchange packed = pack(files);

        File archive = packed.getIn().getBody(File.class);
        assertThat(archive.toPath()).isEqualTo(dir.resolve("exp-1.zip.part"));
        Map<String, byte[]> entries = unzip(archive.toPath());
        assertThat(entries.keySet()).containsExactly("logs.jsonl", "events.jsonl", "metrics.jsonl", "manifest.json");
        for (Path f : files) {
            assertThat(entries.get(f.getFileName().toString())).isEqualTo(Files.readAllBytes(f));
        }
    }

    private Exchange pack(List<Path> files) {
        ExportZipAggregation zip = new ExportZipAggregation();
        ExportRun run = new ExportRun("exp-1", null, dir, null, List.of(), 0);
        Exchange packed = null;
        for (Path f : files) {
            Exchange next = new DefaultExchange(camel);
            next.setProperty(ExportProperties.EXPORT_RUN, run);
            next.getIn().setBody(f.toFile());
            packed = zip.aggregate(packed, next);
        }
        return packed;
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
