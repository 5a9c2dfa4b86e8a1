package com.exportservice.e2e;

import com.exportservice.output.Sha256;
import com.fasterxml.jackson.databind.JsonNode;

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

    /** For a jsonl export of {@code types} in {@code dir}, against the service's embedded source. */
    static void assertExactJsonl(RunningService service, Path dir, List<String> types) throws Exception {
        for (String type : types) {
            List<Long> exported = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(type + ".jsonl"), StandardCharsets.UTF_8)) {
                exported.add(service.mapper.readTree(line).path("id").asLong());
            }
            assertThat(exported).as(type + ": each row once, in key order").hasSameSizeAs(new HashSet<>(exported))
                    .containsExactlyElementsOf(service.sourceIds(type));
        }
        JsonNode manifest = service.mapper.readTree(dir.resolve("manifest.json").toFile());
        for (JsonNode f : manifest.path("files")) {
            assertThat(f.path("sha256").asText()).isEqualTo(Sha256.hex(dir.resolve(f.path("name").asText())));
        }
    }
}
