package com.exportservice.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo data types as the service ships them (config/data-types.yaml, read by the real loader), the
 * one fixture the unit tests share: a test cannot drift from what the service exports.
 */
public final class DemoDataTypes {
    /** logs, events, metrics. */
    public static final DataTypes DEMO = DataTypesLoader.loadDefault();
    /** logs: id, timestamp (column ts), level (enum with aliases), message, source, host, trace_id (pattern), metadata. */
    public static final DataType LOGS = DEMO.get("logs").orElseThrow();
    /** events: id, timestamp (column occurred_at), event_type, user_id, amount, success, description, payload. */
    public static final DataType EVENTS = DEMO.get("events").orElseThrow();
    /** metrics: id, timestamp (column recorded_at), name, value, unit, host, tags. */
    public static final DataType METRICS = DEMO.get("metrics").orElseThrow();
    /** Not a demo table: a query-backed type without timestamp column, for the date range rules. */
    public static final DataType SNAPSHOTS = new DataType("snapshots", null, "select id, label from snap", "id", null, List.of(
            FieldDef.of("id", FieldType.INTEGER),
            FieldDef.of("label", FieldType.STRING)));
    /** The demo types and {@link #SNAPSHOTS}. */
    public static final DataTypes ALL = new DataTypes(with(DEMO, SNAPSHOTS));

    private DemoDataTypes() {
    }

    /** The declared values of logs' {@code level}: TRACE, DEBUG, INFO, WARN, ERROR, FATAL. */
    public static List<String> levels() {
        return level().values();
    }

    /** The declared aliases of logs' {@code level} ({@code warning → WARN}, …). */
    public static Map<String, String> levelAliases() {
        return level().aliases();
    }

    /** A logs row in declaration order: id, ts, level, message, source, host, trace_id, metadata. */
    public static Object[] logRow(Object id, Object ts, Object level, Object message, Object source, Object host,
                                  Object traceId, Object metadata) {
        return new Object[] {id, ts, level, message, source, host, traceId, metadata};
    }

    private static FieldDef level() {
        return LOGS.field("level").orElseThrow();
    }

    private static List<DataType> with(DataTypes types, DataType extra) {
        List<DataType> all = new ArrayList<>(types.all());
        all.add(extra);
        return all;
    }
}
