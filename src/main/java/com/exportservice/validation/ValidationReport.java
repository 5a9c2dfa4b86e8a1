package com.exportservice.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Builds {@code validation-report.json} (contract 5.2 and 10) from the per-data-type totals. Keys, exactly:
 * {@code {"export_id", "data_types": {"<t>": {"records", "valid", "invalid", "quality": {"completeness",
 * "consistency", "accuracy"}, "rules": [{"rule", "failures", "example_ids"}]}}}}.
 */
public final class ValidationReport {
    private ValidationReport() {
    }

    /**
     * @param perDataType totals per data type, in the order the report lists them (pass a LinkedHashMap
     *                    in request order)
     */
    public static ObjectNode build(String exportId, Map<String, ValidationStats> perDataType) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("export_id", exportId);
        ObjectNode types = root.putObject("data_types");
        perDataType.forEach((name, stats) -> types.set(name, dataType(stats)));
        return root;
    }

    /** One data type's entry of the report. */
    public static ObjectNode dataType(ValidationStats stats) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("records", stats.records());
        t.put("valid", stats.valid());
        t.put("invalid", stats.invalid());
        ObjectNode q = t.putObject("quality");
        q.put("completeness", stats.completeness());
        q.put("consistency", stats.consistency());
        q.put("accuracy", stats.accuracy());
        ArrayNode rules = t.putArray("rules");
        for (ValidationStats.RuleResult r : stats.rules()) {
            ObjectNode o = rules.addObject();
            o.put("rule", r.rule());
            o.put("failures", r.failures());
            ValidationStats.writeIds(o.putArray("example_ids"), r.exampleIds());
        }
        return t;
    }
}
