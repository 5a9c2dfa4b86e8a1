package com.exportservice.validation;

import java.util.Locale;

/**
 * The checks a rule is made of (contract 10: rule names {@code <check>:<field>}) and the quality metric
 * each one counts against (docs/validation.md).
 */
public enum RuleCheck {
    /** Field present and non-empty: counts against completeness only (through the field count). */
    REQUIRED(Metric.COMPLETENESS),
    /** Value of the declared type. */
    TYPE(Metric.ACCURACY),
    /** Enum value among the declared values, after alias mapping. */
    ENUM(Metric.CONSISTENCY),
    /** string/text value matches the declared pattern in full. */
    PATTERN(Metric.ACCURACY),
    /** json value parseable. */
    JSON(Metric.ACCURACY),
    /** Timestamp in range: not before 1970, not more than a day in the future. */
    TIMESTAMP(Metric.CONSISTENCY);

    /** The quality metric a failed check lowers. */
    public enum Metric { COMPLETENESS, CONSISTENCY, ACCURACY }

    private final Metric metric;
    private final String prefix;

    RuleCheck(Metric metric) {
        this.metric = metric;
        this.prefix = name().toLowerCase(Locale.ROOT) + ":";
    }

    public Metric metric() {
        return metric;
    }

    /** The rule name of this check on a field: {@code enum:level}. */
    public String ruleName(String fieldOutputName) {
        return prefix + fieldOutputName;
    }
}
