package com.exportservice.transform;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The demo data types of config/data-types.yaml, built by hand for tests without the YAML loader. */
public final class TestDataTypes {
    public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    public static final Map<String, String> LEVEL_ALIASES = Map.of("warning", "WARN", "err", "ERROR",
            "crit", "FATAL", "critical", "FATAL", "fine", "DEBUG", "information", "INFO");

    private TestDataTypes() {
    }

    /** logs: id, timestamp (column ts), level, message, source, host, trace_id, metadata. */
    public static DataType logs() {
        return new DataType("logs", "logs", null, "id", "ts", List.of(
                FieldDef.of("id", FieldType.INTEGER),
                new FieldDef("ts", "timestamp", FieldType.TIMESTAMP, true, null, null, null),
                new FieldDef("level", "level", FieldType.ENUM, true, LEVELS, LEVEL_ALIASES, null),
                new FieldDef("message", "message", FieldType.TEXT, true, null, null, null),
                FieldDef.of("source", FieldType.STRING),
                FieldDef.of("host", FieldType.STRING),
                new FieldDef("trace_id", "trace_id", FieldType.STRING, false, null, null, Pattern.compile("[0-9a-f]{32}")),
                FieldDef.of("metadata", FieldType.JSON)));
    }

    /** events: id, timestamp, event_type, user_id, amount, success, description, payload. */
    public static DataType events() {
        return new DataType("events", "events", null, "id", "occurred_at", List.of(
                FieldDef.of("id", FieldType.INTEGER),
                new FieldDef("occurred_at", "timestamp", FieldType.TIMESTAMP, true, null, null, null),
                new FieldDef("event_type", "event_type", FieldType.ENUM, true,
                        List.of("LOGIN", "LOGOUT", "PURCHASE", "PAGE_VIEW", "SIGNUP", "ERROR"), null, null),
                new FieldDef("user_id", "user_id", FieldType.STRING, true, null, null, Pattern.compile("u-[0-9]{6}")),
                FieldDef.of("amount", FieldType.NUMBER),
                FieldDef.of("success", FieldType.BOOLEAN),
                FieldDef.of("description", FieldType.TEXT),
                FieldDef.of("payload", FieldType.JSON)));
    }

    /** A logs row: id, ts, level, message, source, host, trace_id, metadata. */
    public static Object[] logRow(Object id, Object ts, Object level, Object message, Object source, Object host,
                                  Object traceId, Object metadata) {
        return new Object[] {id, ts, level, message, source, host, traceId, metadata};
    }
}
