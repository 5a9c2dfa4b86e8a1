package com.exportservice.demo;

import java.util.List;

/**
 * The deliberate imperfections of the demo data. Each is determined by the row id alone: a row has
 * imperfection {@code k} exactly when {@code k.table()} is its table and {@code id % CYCLE == k.residue()},
 * with {@link #CYCLE} = 600, so for ids 1..n the count is {@code (n - residue) / 600 + 1} (0 when
 * n &lt; residue); see {@link #count(int)}. No row has two imperfections (one kind,
 * {@link #EVENT_USER_NULL_AND_PAYLOAD_INVALID}, combines two problems on purpose). Every other row is
 * valid against config/data-types.yaml.
 *
 * <p>{@link #rules()} lists the validation rules ({@code <check>:<field output name>}) the row fails
 * as stored; an empty list means the value is repaired by the transformation (enum upper-casing and
 * aliases, text cleaning) and the record is valid.
 *
 * <table>
 *   <caption>Per 600 rows of each table</caption>
 *   <tr><th>residue</th><th>logs</th><th>events</th><th>metrics</th></tr>
 *   <tr><td>11</td><td>level {@code warning} (alias of WARN)</td><td>event_type lower case ({@code purchase})</td><td>unit lower case ({@code ms})</td></tr>
 *   <tr><td>23</td><td>level {@code Warn}</td><td>event_type mixed case ({@code Page_View})</td><td>unit mixed case ({@code Bytes})</td></tr>
 *   <tr><td>37</td><td>level {@code err} (alias of ERROR)</td><td>event_type {@code CLICK}: enum:event_type</td><td>unit {@code SECONDS}: enum:unit</td></tr>
 *   <tr><td>41</td><td>level {@code VERBOSE}: enum:level</td><td>user_id NULL: required:user_id</td><td>value NULL: required:value</td></tr>
 *   <tr><td>53</td><td>message with ANSI escapes</td><td>user_id malformed: pattern:user_id</td><td>name malformed: pattern:name</td></tr>
 *   <tr><td>67</td><td>message with control characters</td><td>payload invalid JSON: json:payload</td><td>tags invalid JSON: json:tags</td></tr>
 *   <tr><td>79</td><td>metadata invalid JSON: json:metadata</td><td>description with ANSI escapes and control characters</td><td>recorded_at a year ahead: timestamp:timestamp</td></tr>
 *   <tr><td>83</td><td>message NULL: required:message</td><td>occurred_at a year ahead: timestamp:timestamp</td><td></td></tr>
 *   <tr><td>97</td><td>message empty: required:message</td><td>user_id NULL and payload invalid JSON</td><td></td></tr>
 *   <tr><td>101</td><td>trace_id malformed: pattern:trace_id</td><td></td><td></td></tr>
 *   <tr><td>113</td><td>ts a year ahead: timestamp:timestamp</td><td></td><td></td></tr>
 * </table>
 * For 100000 rows: 167 rows per kind; invalid records 1002 in logs (6 kinds), 1002 in events
 * (6 kinds), 835 in metrics (5 kinds); see also {@link DemoData#expectedInvalidRecords} and
 * {@link DemoData#expectedRuleFailures}.
 */
public enum DemoImperfection {
    LOG_LEVEL_ALIAS_WARNING("logs", 11, "level 'warning', an alias of WARN"),
    LOG_LEVEL_MIXED_CASE("logs", 23, "level 'Warn', WARN in mixed case"),
    LOG_LEVEL_ALIAS_ERR("logs", 37, "level 'err', an alias of ERROR"),
    LOG_LEVEL_UNKNOWN("logs", 41, "level 'VERBOSE', not a declared value", "enum:level"),
    LOG_MESSAGE_ANSI("logs", 53, "message with ANSI colour escape sequences"),
    LOG_MESSAGE_CONTROL_CHARS("logs", 67, "message with control characters (BEL, BS, VT, FF, tab, CR, LF)"),
    LOG_METADATA_INVALID_JSON("logs", 79, "metadata is not valid JSON", "json:metadata"),
    LOG_MESSAGE_NULL("logs", 83, "message is NULL", "required:message"),
    LOG_MESSAGE_EMPTY("logs", 97, "message is the empty string", "required:message"),
    LOG_TRACE_ID_MALFORMED("logs", 101, "trace_id is upper-case hex, 31 digits or 'N/A'", "pattern:trace_id"),
    LOG_TIMESTAMP_FUTURE("logs", 113, "ts is a year after the anchor", "timestamp:timestamp"),

    EVENT_TYPE_LOWER_CASE("events", 11, "event_type in lower case"),
    EVENT_TYPE_MIXED_CASE("events", 23, "event_type in mixed case (Page_View)"),
    EVENT_TYPE_UNKNOWN("events", 37, "event_type 'CLICK', not a declared value", "enum:event_type"),
    EVENT_USER_NULL("events", 41, "user_id is NULL", "required:user_id"),
    EVENT_USER_MALFORMED("events", 53, "user_id 'user-42', 'U-000123' or 'u-12'", "pattern:user_id"),
    EVENT_PAYLOAD_INVALID_JSON("events", 67, "payload is not valid JSON", "json:payload"),
    EVENT_DESCRIPTION_CONTROL_CHARS("events", 79, "description with ANSI escape sequences and control characters"),
    EVENT_TIMESTAMP_FUTURE("events", 83, "occurred_at is a year after the anchor", "timestamp:timestamp"),
    EVENT_USER_NULL_AND_PAYLOAD_INVALID("events", 97, "user_id is NULL and payload is not valid JSON",
            "required:user_id", "json:payload"),

    METRIC_UNIT_LOWER_CASE("metrics", 11, "unit in lower case"),
    METRIC_UNIT_MIXED_CASE("metrics", 23, "unit in mixed case (Bytes)"),
    METRIC_UNIT_UNKNOWN("metrics", 37, "unit 'SECONDS', not a declared value", "enum:unit"),
    METRIC_VALUE_NULL("metrics", 41, "value is NULL", "required:value"),
    METRIC_NAME_MALFORMED("metrics", 53, "name in upper case or with a space", "pattern:name"),
    METRIC_TAGS_INVALID_JSON("metrics", 67, "tags is not valid JSON", "json:tags"),
    METRIC_TIMESTAMP_FUTURE("metrics", 79, "recorded_at is a year after the anchor", "timestamp:timestamp");

    /** Ids repeat their imperfection every CYCLE rows. */
    public static final int CYCLE = 600;
    private static final DemoImperfection[] ALL = values();

    private final String table;
    private final int residue;
    private final String description;
    private final List<String> rules;

    DemoImperfection(String table, int residue, String description, String... rules) {
        this.table = table;
        this.residue = residue;
        this.description = description;
        this.rules = List.of(rules);
    }

    public String table() {
        return table;
    }

    public int residue() {
        return residue;
    }

    public String description() {
        return description;
    }

    /** Validation rules the stored row fails; empty when the transformation repairs it. */
    public List<String> rules() {
        return rules;
    }

    /** Whether a record with this imperfection fails validation. */
    public boolean invalid() {
        return !rules.isEmpty();
    }

    /** Whether the row with this id has this imperfection. */
    public boolean appliesTo(long id) {
        return id % CYCLE == residue;
    }

    /** How many of the ids 1..rows have this imperfection. */
    public int count(int rows) {
        return rows < residue ? 0 : (rows - residue) / CYCLE + 1;
    }

    /** The imperfection of a row, or null for a clean row. */
    public static DemoImperfection of(String table, long id) {
        int r = (int) (id % CYCLE);
        for (DemoImperfection k : ALL) {
            if (k.residue == r && k.table.equals(table)) {
                return k;
            }
        }
        return null;
    }
}
