package com.exportservice.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.exportservice.config.DemoDataTypes;
import com.exportservice.record.ExportRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationReportTest {

    private static List<String> keys(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void should_have_exactly_the_contract_keys() throws Exception {
        RecordValidator v = new RecordValidator(DemoDataTypes.LOGS, RecordValidatorTest.CLOCK);
        ValidationStats logs = v.newStats();
        v.validate(new ExportRecord(RecordValidatorTest.goodLog(), 1L), logs);
        Object[] bad = RecordValidatorTest.goodLog();
        bad[2] = "loud";
        v.validate(new ExportRecord(bad, 2L), logs);
        Map<String, ValidationStats> per = new LinkedHashMap<>();
        per.put("logs", logs);
        per.put("events", new ValidationStats());

        JsonNode report = new ObjectMapper().readTree(ValidationReport.build("exp-1", per).toString());

        assertThat(keys(report)).containsExactly("export_id", "data_types");
        assertThat(report.get("export_id").asText()).isEqualTo("exp-1");
        assertThat(keys(report.get("data_types"))).containsExactly("logs", "events");
        JsonNode t = report.get("data_types").get("logs");
        assertThat(keys(t)).containsExactly("records", "valid", "invalid", "quality", "rules");
        assertThat(keys(t.get("quality"))).containsExactly("completeness", "consistency", "accuracy");
        assertThat(t.get("records").asLong()).isEqualTo(2);
        assertThat(t.get("valid").asLong()).isEqualTo(1);
        assertThat(t.get("invalid").asLong()).isEqualTo(1);
        assertThat(t.get("quality").get("consistency").asDouble()).isEqualTo(0.5);
        assertThat(t.get("quality").get("completeness").isDouble()).isTrue();
        JsonNode enumRule = null;
        for (JsonNode r : t.get("rules")) {
            assertThat(keys(r)).containsExactly("rule", "failures", "example_ids");
            if (r.get("rule").asText().equals("enum:level")) {
                enumRule = r;
            }
        }
        assertThat(enumRule).isNotNull();
        assertThat(enumRule.get("failures").asLong()).isEqualTo(1);
        assertThat(enumRule.get("example_ids").toString()).isEqualTo("[2]");
    }

    @Test
    void should_give_perfect_quality_for_an_empty_data_type() {
        JsonNode t = ValidationReport.build("e", Map.of("events", new ValidationStats())).get("data_types").get("events");
        assertThat(t.get("records").asLong()).isZero();
        assertThat(t.get("quality").get("completeness").asDouble()).isEqualTo(1.0);
        assertThat(t.get("quality").get("consistency").asDouble()).isEqualTo(1.0);
        assertThat(t.get("quality").get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(t.get("rules").isArray()).isTrue();
    }
}
