package com.exportservice.validation;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.record.ExportRecord;
import com.exportservice.transform.CompactJsonObject;
import com.exportservice.transform.CompactScan;
import com.exportservice.transform.EnumNormalizer;
import com.exportservice.transform.JsonText;
import com.exportservice.transform.RepeatedStrings;
import com.exportservice.transform.ScalarValues;
import com.exportservice.transform.SourceTimestamps;
import com.exportservice.transform.TextCleaner;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a record's source values (before transformation) against its data type's field definitions
 * (contract 5.2; every rule in docs/validation.md), sets the record's validation errors and counts
 * into a {@link ValidationStats}. Enum values and patterns are judged the way the transformer will
 * write the value (same normalization and cleaning), so the report agrees with the file.
 *
 * <p>Used by one thread at a time (it reuses its pattern matchers); one instance per data type, export
 * and chunk slot of the engine.
 */
public final class RecordValidator {
    private static final long DAY_MILLIS = 86_400_000L;

    private final Clock clock;
    /**
     * The clock's last reading for the not-more-than-a-day-in-the-future rule: read again only for a
     * timestamp past it by more than a day (the rule's verdict then), not once per record. A clock that
     * does not go back gives the verdicts of a reading per record: a timestamp within a day of an earlier
     * reading is within a day of any later one. The system clock's reading cost 30-35 ns a record, about a
     * tenth of the validation's CPU (bench/README.md, "The validator's clock").
     */
    private long lastNow = Long.MIN_VALUE;
    private final SourceTimestamps timestamps;
    private final FieldType[] types;
    private final boolean[] required;
    private final Pattern[] patterns;
    /** Per pattern: a scan for the fixed shape, else one reused matcher: no Matcher per value. */
    private final TextPattern[] matchers;
    /**
     * Whether what the check of a json field's text read is kept in the record for the transformer's
     * metadata: an object already in its printed form as its text, anything else as parsed values.
     */
    private final boolean keepParsedJson;
    /** Short string values of json fields that repeat record after record, one instance each. */
    private final RepeatedStrings jsonStrings = new RepeatedStrings();
    /** Looks at json fields' texts, its working arrays kept from record to record. */
    private final CompactScan compactScan = new CompactScan();
    private final EnumNormalizer[] enums;
    /** Rule names per field and check, built once: no string concatenation per record. */
    private final String[][] ruleNames;
    private final List<String> declaredRules;

    /** A validator reading zone-less timestamps as UTC. */
    public RecordValidator(DataType type, Clock clock) {
        this(type, clock, ZoneOffset.UTC);
    }

    /**
     * @param clock      "now" for the not-more-than-a-day-in-the-future rule
     * @param sourceZone zone of source timestamps that carry none ({@code exporter.source.timezone})
     */
    public RecordValidator(DataType type, Clock clock, ZoneId sourceZone) {
        this(type, clock, sourceZone, false);
    }

    /**
     * @param keepParsedJson keep what the check of a json field read in the record
     *                       ({@link ExportRecord#keepParsedJson}) for the metadata: the text of an object
     *                       already in its printed form ({@link CompactJsonObject}), else the parsed values
     */
    public RecordValidator(DataType type, Clock clock, ZoneId sourceZone, boolean keepParsedJson) {
        Objects.requireNonNull(type, "type");
        this.keepParsedJson = keepParsedJson;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timestamps = new SourceTimestamps(sourceZone);
        List<FieldDef> fields = type.fields();
        int n = fields.size();
        types = new FieldType[n];
        required = new boolean[n];
        patterns = new Pattern[n];
        matchers = new TextPattern[n];
        enums = new EnumNormalizer[n];
        ruleNames = new String[n][RuleCheck.values().length];
        List<String> declared = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FieldDef f = fields.get(i);
            types[i] = f.type();
            required[i] = f.required();
            boolean textual = f.type() == FieldType.STRING || f.type() == FieldType.TEXT;
            patterns[i] = textual ? f.pattern() : null;
            matchers[i] = patterns[i] == null ? null : TextPattern.of(patterns[i]);
            enums[i] = f.type() == FieldType.ENUM ? EnumNormalizer.forField(f) : null;
            for (RuleCheck c : RuleCheck.values()) {
                ruleNames[i][c.ordinal()] = c.ruleName(f.name());
            }
            if (f.required()) {
                declared.add(ruleNames[i][RuleCheck.REQUIRED.ordinal()]);
            }
            switch (f.type()) {
                case INTEGER, NUMBER, BOOLEAN -> declared.add(ruleNames[i][RuleCheck.TYPE.ordinal()]);
                case TIMESTAMP -> {
                    declared.add(ruleNames[i][RuleCheck.TYPE.ordinal()]);
                    declared.add(ruleNames[i][RuleCheck.TIMESTAMP.ordinal()]);
                }
                case ENUM -> {
                    if (!f.values().isEmpty()) {
                        declared.add(ruleNames[i][RuleCheck.ENUM.ordinal()]);
                    }
                }
                case JSON -> declared.add(ruleNames[i][RuleCheck.JSON.ordinal()]);
                default -> {
                }
            }
            if (patterns[i] != null) {
                declared.add(ruleNames[i][RuleCheck.PATTERN.ordinal()]);
            }
        }
        this.declaredRules = List.copyOf(declared);
    }

    /**
     * The rules this validator applies, in report order: per field in declaration order, its
     * {@code required}, {@code type}, {@code timestamp}, {@code enum}, {@code json}, {@code pattern}
     * rules as declared. ({@code type:<f>} of a string, text or enum field fails only for binary or
     * structured values and is then added after these.)
     */
    public List<String> ruleNames() {
        return declaredRules;
    }

    /** A fresh stats object listing this validator's rules with zero failures. */
    public ValidationStats newStats() {
        ValidationStats s = new ValidationStats();
        s.declareRules(declaredRules);
        return s;
    }

    /**
     * Checks the record's source values, sets {@link ExportRecord#setValidationErrors} (the failed rule
     * names in field order, or null when valid) and counts into {@code stats}.
     */
    public void validate(ExportRecord record, ValidationStats stats) {
        stats.declareRules(declaredRules);
        Object[] values = record.values();
        List<String> errors = null;
        boolean consistent = true;
        boolean accurate = true;
        int present = 0;
        for (int i = 0; i < types.length; i++) {
            Object v = i < values.length ? values[i] : null;
            RuleCheck failed = null;
            if (isAbsent(v)) {
                if (required[i]) {
                    failed = RuleCheck.REQUIRED;
                }
            } else {
                present++;
                failed = check(i, v, record);
            }
            if (failed != null) {
                String rule = ruleNames[i][failed.ordinal()];
                if (errors == null) {
                    errors = new ArrayList<>(2);
                }
                errors.add(rule);
                stats.ruleFailed(rule, record.key());
                if (failed.metric() == RuleCheck.Metric.CONSISTENCY) {
                    consistent = false;
                } else if (failed.metric() == RuleCheck.Metric.ACCURACY) {
                    accurate = false;
                }
            }
        }
        record.setValidationErrors(errors);
        stats.recordChecked(types.length, present, errors == null, consistent, accurate);
    }

    /** The failed check of a present value, or null when it passes (one failure per field at most). */
    private RuleCheck check(int i, Object v, ExportRecord record) {
        switch (types[i]) {
            case INTEGER:
                return ScalarValues.isInteger(v) ? null : RuleCheck.TYPE;
            case NUMBER:
                return ScalarValues.isNumber(v) ? null : RuleCheck.TYPE;
            case BOOLEAN:
                return ScalarValues.booleanValue(v) != null ? null : RuleCheck.TYPE;
            case TIMESTAMP: {
                long ms = timestamps.epochMillis(v);
                if (ms == SourceTimestamps.INVALID) {
                    return RuleCheck.TYPE;
                }
                return ms < 0 || isMoreThanADayAhead(ms) ? RuleCheck.TIMESTAMP : null;
            }
            case ENUM:
                if (!isScalar(v)) {
                    return RuleCheck.TYPE;
                }
                return enums[i].values().isEmpty() || enums[i].canonical(v) != null ? null : RuleCheck.ENUM;
            case STRING:
            case TEXT: {
                if (!isScalar(v)) {
                    return RuleCheck.TYPE;
                }
                TextPattern m = matchers[i];
                if (m == null) {
                    return null;
                }
                String s = v instanceof String ? (String) v : String.valueOf(v);
                String written = types[i] == FieldType.TEXT ? TextCleaner.clean(s) : s; // a string is written as stored
                return m.matches(written) ? null : RuleCheck.PATTERN;
            }
            case JSON:
                if (v instanceof CharSequence) {
                    String text = v.toString();
                    if (!keepParsedJson) {
                        return JsonText.isValid(text) ? null : RuleCheck.JSON;
                    }
                    // read once, here, for the transformer's metadata: an object already in its printed form
                    // as its text (scanned, valid JSON), anything else parsed into values
                    CompactJsonObject compact = JsonText.compactObject(text, compactScan);
                    if (compact != null) {
                        record.keepParsedJson(i, compact);
                        return null;
                    }
                    Object parsed = JsonText.parse(text, jsonStrings);
                    record.keepParsedJson(i, parsed);
                    // the rule stays the streaming check's (a value databind refuses, e.g. a number past its
                    // length limit, is still valid JSON; its metadata is left out as before)
                    return parsed != JsonText.INVALID || JsonText.isValid(text) ? null : RuleCheck.JSON;
                }
                return v instanceof Map || v instanceof Collection || v instanceof Number || v instanceof Boolean
                        ? null : RuleCheck.JSON;
            default:
                return null;
        }
    }

    /** Whether the epoch millis are more than a day past now; the clock is read only for millis past its last reading's day. */
    private boolean isMoreThanADayAhead(long ms) {
        if (ms <= lastNow + DAY_MILLIS) {
            return false;
        }
        lastNow = clock.millis();
        return ms > lastNow + DAY_MILLIS;
    }

    /** Absent: null, or text that cleans to nothing (only whitespace, controls, escape sequences). */
    private static boolean isAbsent(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof String) {
            return TextCleaner.isBlank((String) v);
        }
        return !ScalarValues.isCommonNonText(v) && v instanceof CharSequence && TextCleaner.isBlank(v.toString());
    }

    /** A value a string, text or enum field can hold: text, numbers, booleans, dates; not bytes or structures. */
    private static boolean isScalar(Object v) {
        return v instanceof String || ScalarValues.isCommonNonText(v) || !(v.getClass().isArray() || v instanceof Map || v instanceof Collection
                || v instanceof java.sql.Blob || v instanceof java.sql.Clob);
    }
}
