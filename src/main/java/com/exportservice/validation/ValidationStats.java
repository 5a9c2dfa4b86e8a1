package com.exportservice.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation counts of one data type: records, valid/invalid, what the quality metrics are computed
 * from, and per rule its failures with the first {@value #MAX_EXAMPLES} example ids. The engine
 * validates a batch into a fresh instance and {@link #merge}s it into the data type's totals when the
 * batch commits, and persists the totals with each checkpoint ({@link #toJson}/{@link #fromJson}).
 *
 * <p>Mutable and not thread-safe: confine an instance to one thread, or guard it.
 */
public final class ValidationStats {
    public static final int MAX_EXAMPLES = 10;
    /** Decimal example ids come back exactly (BigDecimal, not double). */
    private static final ObjectMapper READER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private long records;
    private long valid;
    private long consistent;
    private long accurate;
    private long fieldSlots;
    private long fieldsPresent;
    /** In first-seen order: declared rules first (field order, then check order), then others. */
    private final Map<String, Tally> rules = new LinkedHashMap<>();
    /** The rule list last declared, compared by identity so a validator declares once per instance. */
    private List<String> declared;

    /** A rule's failures and example ids. */
    public record RuleResult(String rule, long failures, List<Object> exampleIds) {
        public RuleResult {
            exampleIds = List.copyOf(exampleIds);
        }
    }

    private static final class Tally {
        long failures;
        final List<Object> examples = new ArrayList<>(2);

        void addExample(Object id) {
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(id);
            }
        }
    }

    /** Registers rules with zero failures, so the report lists every rule that was checked. */
    void declareRules(List<String> ruleNames) {
        if (declared == ruleNames) {
            return;
        }
        for (String r : ruleNames) {
            rules.computeIfAbsent(r, k -> new Tally());
        }
        declared = ruleNames;
    }

    /** Counts one checked record. */
    void recordChecked(int declaredFields, int presentFields, boolean isValid, boolean isConsistent, boolean isAccurate) {
        records++;
        if (isValid) {
            valid++;
        }
        if (isConsistent) {
            consistent++;
        }
        if (isAccurate) {
            accurate++;
        }
        fieldSlots += declaredFields;
        fieldsPresent += presentFields;
    }

    /** Counts one failure of a rule by the record with this id (null ids are not kept as examples). */
    void ruleFailed(String rule, Object id) {
        Tally t = rules.computeIfAbsent(rule, k -> new Tally());
        t.failures++;
        if (id != null) {
            t.addExample(id);
        }
    }

    /** Adds another instance's counts; example ids of this one come first, up to the limit. */
    public void merge(ValidationStats other) {
        records += other.records;
        valid += other.valid;
        consistent += other.consistent;
        accurate += other.accurate;
        fieldSlots += other.fieldSlots;
        fieldsPresent += other.fieldsPresent;
        for (Map.Entry<String, Tally> e : other.rules.entrySet()) {
            Tally mine = rules.computeIfAbsent(e.getKey(), k -> new Tally());
            mine.failures += e.getValue().failures;
            for (Object id : e.getValue().examples) {
                mine.addExample(id);
            }
        }
    }

    /** A deep copy, e.g. to hand a snapshot to another thread. */
    public ValidationStats copy() {
        ValidationStats c = new ValidationStats();
        c.merge(this);
        return c;
    }

    public long records() {
        return records;
    }

    public long valid() {
        return valid;
    }

    public long invalid() {
        return records - valid;
    }

    /** Share of declared field values present and non-empty, over all records; 1.0 when there are none. */
    public double completeness() {
        return fieldSlots == 0 ? 1.0 : (double) fieldsPresent / fieldSlots;
    }

    /** Share of records passing every enum, timestamp-range and cross-field rule; 1.0 when there are none. */
    public double consistency() {
        return records == 0 ? 1.0 : (double) consistent / records;
    }

    /** Share of records passing every type, pattern and json rule; 1.0 when there are none. */
    public double accuracy() {
        return records == 0 ? 1.0 : (double) accurate / records;
    }

    /** The rules in report order (declaration order, then first failure), with their failures. */
    public List<RuleResult> rules() {
        List<RuleResult> out = new ArrayList<>(rules.size());
        rules.forEach((name, t) -> out.add(new RuleResult(name, t.failures, t.examples)));
        return out;
    }

    /** Failures counted for a rule (0 when unknown). */
    public long failures(String rule) {
        Tally t = rules.get(rule);
        return t == null ? 0 : t.failures;
    }

    /** The persisted form: every count, so {@link #fromJson} restores an equal instance. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("records", records);
        n.put("valid", valid);
        n.put("consistent", consistent);
        n.put("accurate", accurate);
        n.put("field_slots", fieldSlots);
        n.put("fields_present", fieldsPresent);
        ArrayNode rs = n.putArray("rules");
        rules.forEach((name, t) -> {
            ObjectNode r = rs.addObject();
            r.put("rule", name);
            r.put("failures", t.failures);
            writeIds(r.putArray("example_ids"), t.examples);
        });
        return n;
    }

    /** Restores what {@link #toJson} wrote; missing counts read as 0. */
    public static ValidationStats fromJson(JsonNode n) {
        ValidationStats s = new ValidationStats();
        s.records = n.path("records").asLong();
        s.valid = n.path("valid").asLong();
        s.consistent = n.path("consistent").asLong();
        s.accurate = n.path("accurate").asLong();
        s.fieldSlots = n.path("field_slots").asLong();
        s.fieldsPresent = n.path("fields_present").asLong();
        for (JsonNode r : n.path("rules")) {
            Tally t = new Tally();
            t.failures = r.path("failures").asLong();
            for (JsonNode id : r.path("example_ids")) {
                t.addExample(readId(id));
            }
            s.rules.put(r.path("rule").asText(), t);
        }
        return s;
    }

    /** Restores the JSON text {@link #toJson} wrote (as persisted with a checkpoint). */
    public static ValidationStats parse(String json) {
        try {
            return fromJson(READER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not validation totals: " + e.getOriginalMessage(), e);
        }
    }

    /** Ids as they came: numbers stay numbers, anything else is written as its string. */
    static void writeIds(ArrayNode into, List<Object> ids) {
        for (Object id : ids) {
            if (id instanceof Long || id instanceof Integer || id instanceof Short || id instanceof Byte) {
                into.add(((Number) id).longValue());
            } else if (id instanceof BigInteger) {
                into.add(new java.math.BigDecimal((BigInteger) id));
            } else if (id instanceof java.math.BigDecimal) {
                into.add((java.math.BigDecimal) id);
            } else if (id instanceof Number) {
                into.add(((Number) id).doubleValue());
            } else {
                into.add(String.valueOf(id));
            }
        }
    }

    private static Object readId(JsonNode id) {
        if (id.canConvertToLong() && id.isIntegralNumber()) {
            return id.asLong();
        }
        if (id.isNumber()) {
            return id.decimalValue();
        }
        return id.asText();
    }

    /** Equal when every count and example is (the persisted forms are equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationStats other && toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
