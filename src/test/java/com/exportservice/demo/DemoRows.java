package com.exportservice.demo;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the seeded demo rows back and recognises their imperfections from the stored values alone
 * (not from the id), so tests can hold the data against the table documented in {@link DemoImperfection}.
 */
final class DemoRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final Set<String> EVENT_TYPES = Set.of("LOGIN", "LOGOUT", "PURCHASE", "PAGE_VIEW", "SIGNUP", "ERROR");
    private static final Set<String> UNITS = Set.of("MS", "BYTES", "PERCENT", "COUNT");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern USER_ID = Pattern.compile("u-[0-9]{6}");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_.]*");

    /** One row as read: id, timestamp (UTC) and what was recognised as imperfect about it. */
    record Row(long id, Instant ts, List<DemoImperfection> flaws) {
    }

    private DemoRows() {
    }

    static List<Row> read(DataSource ds, String table, String tableSql, Instant anchor) throws SQLException {
        List<Row> rows = new ArrayList<>();
        Instant futureLimit = anchor.plusSeconds(86_400);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + tableSql + " ORDER BY 1")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                Instant ts = rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                List<DemoImperfection> flaws = new ArrayList<>();
                switch (table) {
                    case "logs" -> logs(rs, flaws);
                    case "events" -> events(rs, flaws);
                    default -> metrics(rs, flaws);
                }
                if (ts.isAfter(futureLimit)) {
                    flaws.add(switch (table) {
                        case "logs" -> DemoImperfection.LOG_TIMESTAMP_FUTURE;
                        case "events" -> DemoImperfection.EVENT_TIMESTAMP_FUTURE;
                        default -> DemoImperfection.METRIC_TIMESTAMP_FUTURE;
                    });
                }
                rows.add(new Row(id, ts, flaws));
            }
        }
        return rows;
    }

    /** How many rows were recognised with each imperfection. */
    static Map<DemoImperfection, Integer> count(List<Row> rows) {
        Map<DemoImperfection, Integer> m = new EnumMap<>(DemoImperfection.class);
        for (Row r : rows) {
            for (DemoImperfection k : r.flaws()) {
                m.merge(k, 1, Integer::sum);
            }
        }
        return m;
    }

    private static void logs(ResultSet rs, List<DemoImperfection> flaws) throws SQLException {
        String level = rs.getString("level");
        switch (level) {
            case "warning" -> flaws.add(DemoImperfection.LOG_LEVEL_ALIAS_WARNING);
            case "Warn" -> flaws.add(DemoImperfection.LOG_LEVEL_MIXED_CASE);
            case "err" -> flaws.add(DemoImperfection.LOG_LEVEL_ALIAS_ERR);
            default -> {
                if (!LEVELS.contains(level)) {
                    flaws.add(DemoImperfection.LOG_LEVEL_UNKNOWN);
                }
            }
        }
        String message = rs.getString("message");
        if (message == null) {
            flaws.add(DemoImperfection.LOG_MESSAGE_NULL);
        } else if (message.isEmpty()) {
            flaws.add(DemoImperfection.LOG_MESSAGE_EMPTY);
        } else if (message.indexOf('\u001B') >= 0) {
            flaws.add(DemoImperfection.LOG_MESSAGE_ANSI);
        } else if (hasControl(message)) {
            flaws.add(DemoImperfection.LOG_MESSAGE_CONTROL_CHARS);
        }
        if (!validJsonOrNull(rs.getString("metadata"))) {
            flaws.add(DemoImperfection.LOG_METADATA_INVALID_JSON);
        }
        String traceId = rs.getString("trace_id");
        if (traceId == null || !TRACE_ID.matcher(traceId).matches()) {
            flaws.add(DemoImperfection.LOG_TRACE_ID_MALFORMED);
        }
    }

    private static void events(ResultSet rs, List<DemoImperfection> flaws) throws SQLException {
        String type = rs.getString("event_type");
        if (!EVENT_TYPES.contains(type.toUpperCase())) {
            flaws.add(DemoImperfection.EVENT_TYPE_UNKNOWN);
        } else if (type.equals(type.toLowerCase())) {
            flaws.add(DemoImperfection.EVENT_TYPE_LOWER_CASE);
        } else if (!type.equals(type.toUpperCase())) {
            flaws.add(DemoImperfection.EVENT_TYPE_MIXED_CASE);
        }
        String user = rs.getString("user_id");
        boolean payloadValid = validJsonOrNull(rs.getString("payload"));
        if (user == null && !payloadValid) {
            flaws.add(DemoImperfection.EVENT_USER_NULL_AND_PAYLOAD_INVALID);
        } else if (user == null) {
            flaws.add(DemoImperfection.EVENT_USER_NULL);
        } else if (!payloadValid) {
            flaws.add(DemoImperfection.EVENT_PAYLOAD_INVALID_JSON);
        }
        if (user != null && !USER_ID.matcher(user).matches()) {
            flaws.add(DemoImperfection.EVENT_USER_MALFORMED);
        }
        String description = rs.getString("description");
        if (description != null && hasControl(description)) {
            flaws.add(DemoImperfection.EVENT_DESCRIPTION_CONTROL_CHARS);
        }
    }

    private static void metrics(ResultSet rs, List<DemoImperfection> flaws) throws SQLException {
        String unit = rs.getString("unit");
        if (!UNITS.contains(unit.toUpperCase())) {
            flaws.add(DemoImperfection.METRIC_UNIT_UNKNOWN);
        } else if (unit.equals(unit.toLowerCase())) {
            flaws.add(DemoImperfection.METRIC_UNIT_LOWER_CASE);
        } else if (!unit.equals(unit.toUpperCase())) {
            flaws.add(DemoImperfection.METRIC_UNIT_MIXED_CASE);
        }
        rs.getDouble("value");
        if (rs.wasNull()) {
            flaws.add(DemoImperfection.METRIC_VALUE_NULL);
        }
        if (!METRIC_NAME.matcher(rs.getString("name")).matches()) {
            flaws.add(DemoImperfection.METRIC_NAME_MALFORMED);
        }
        if (!validJsonOrNull(rs.getString("tags"))) {
            flaws.add(DemoImperfection.METRIC_TAGS_INVALID_JSON);
        }
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean validJsonOrNull(String s) {
        if (s == null) {
            return true;
        }
        try {
            return JSON.readTree(s).isObject();
        } catch (Exception e) {
            return false;
        }
    }
}
