package com.exportservice.e2e;

import com.exportservice.output.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What "exact output" means after a fault: every source id once, in key order, and the manifest's checksums true. */
final class ExactOutput {
    private ExactOutput() {
    }

    /** The ids of a source table, in key order. */
    interface SourceIds {
        List<Long> of(String table) throws Exception;
    }

    /** For a jsonl export of {@code types} in {@code dir}, against the service's embedded source. */
    static void assertExactJsonl(RunningService service, Path dir, List<String> types) throws Exception {
        assertExactJsonl(service.mapper, dir, types, service::sourceIds);
    }

    /** For a jsonl export of {@code types} in {@code dir}, against the given source's ids. */
    static void assertExactJsonl(ObjectMapper mapper, Path dir, List<String> types, SourceIds source) throws Exception {
        for (String type : types) {
            List<Long> exported = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(type + ".jsonl"), StandardCharsets.UTF_8)) {
                exported.add(mapper.readTree(line).path("id").asLong());
            }
            assertThat(exported).as(type + ": each row once, in key order").hasSameSizeAs(new HashSet<>(exported))
                    .containsExactlyElementsOf(source.of(type));
        }
        JsonNode manifest = mapper.readTree(dir.resolve("manifest.json").toFile());
        for (JsonNode f : manifest.path("files")) {
            assertThat(f.path("sha256").asText()).isEqualTo(Sha256.hex(dir.resolve(f.path("name").asText())));
        }
    }
}
