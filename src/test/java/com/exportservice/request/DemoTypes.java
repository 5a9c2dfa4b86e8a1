package com.exportservice.request;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.exportservice.config.FieldType.BOOLEAN;
import static com.exportservice.config.FieldType.ENUM;
import static com.exportservice.config.FieldType.INTEGER;
import static com.exportservice.config.FieldType.JSON;
import static com.exportservice.config.FieldType.NUMBER;
import static com.exportservice.config.FieldType.STRING;
import static com.exportservice.config.FieldType.TEXT;
import static com.exportservice.config.FieldType.TIMESTAMP;

/** The demo data types of config/data-types.yaml, built by hand so these tests need no loader. */
final class DemoTypes {
    static final DataType LOGS = new DataType("logs", "logs", null, "id", "ts", List.of(
            FieldDef.of("id", INTEGER),
            new FieldDef("ts", "timestamp", TIMESTAMP, true, List.of(), Map.of(), null),
            new FieldDef("level", "level", ENUM, true, List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"),
                    Map.of("warning", "WARN", "err", "ERROR", "crit", "FATAL", "critical", "FATAL", "fine", "DEBUG", "information", "INFO"), null),
            new FieldDef("message", "message", TEXT, true, List.of(), Map.of(), null),
            FieldDef.of("source", STRING),
            FieldDef.of("host", STRING),
            new FieldDef("trace_id", "trace_id", STRING, false, List.of(), Map.of(), Pattern.compile("[0-9a-f]{32}")),
            FieldDef.of("metadata", JSON)));

    static final DataType EVENTS = new DataType("events", "events", null, "id", "occurred_at", List.of(
            FieldDef.of("id", INTEGER),
            new FieldDef("occurred_at", "timestamp", TIMESTAMP, true, List.of(), Map.of(), null),
            enumField("event_type", "LOGIN", "LOGOUT", "PURCHASE", "PAGE_VIEW", "SIGNUP", "ERROR"),
            new FieldDef("user_id", "user_id", STRING, true, List.of(), Map.of(), Pattern.compile("u-[0-9]{6}")),
            FieldDef.of("amount", NUMBER),
            FieldDef.of("success", BOOLEAN),
            FieldDef.of("description", TEXT),
            FieldDef.of("payload", JSON)));

    static final DataType METRICS = new DataType("metrics", "metrics", null, "id", "recorded_at", List.of(
            FieldDef.of("id", INTEGER),
            new FieldDef("recorded_at", "timestamp", TIMESTAMP, true, List.of(), Map.of(), null),
            new FieldDef("name", "name", STRING, true, List.of(), Map.of(), Pattern.compile("[a-z][a-z0-9_.]*")),
            new FieldDef("value", "value", NUMBER, true, List.of(), Map.of(), null),
            enumField("unit", "MS", "BYTES", "PERCENT", "COUNT"),
            FieldDef.of("host", STRING),
            FieldDef.of("tags", JSON)));

    /** A query-backed type without timestamp column, for the date range rule. */
    static final DataType SNAPSHOTS = new DataType("snapshots", null, "select id, label from snap", "id", null, List.of(
            FieldDef.of("id", INTEGER),
            FieldDef.of("label", STRING)));

    static final DataTypes ALL = new DataTypes(List.of(LOGS, EVENTS, METRICS, SNAPSHOTS));

    private DemoTypes() {
    }

    static FieldDef enumField(String name, String... values) {
        return new FieldDef(name, name, FieldType.ENUM, false, List.of(values), Map.of(), null);
    }
}
