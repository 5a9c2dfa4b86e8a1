package com.exportservice.schedule;

import com.exportservice.config.ConfigException;
import com.exportservice.config.ConfigFiles;
import com.exportservice.config.DataTypes;
import com.exportservice.config.Problems;
import com.exportservice.config.Settings;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.request.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import org.quartz.CronExpression;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the schedules file (contract section 7, {@code exporter.schedules.file}) into checked
 * {@link ScheduleDefinition}s. Every problem of every schedule is reported together in one
 * {@link ConfigException}, a line each naming the file and the schedule, so that a typo stops start-up
 * instead of silently never exporting.
 */
public final class ScheduleDefinitions {
    public static final String SETTING = "exporter.schedules.file";
    /** The default value of {@link #SETTING}. */
    public static final String DEFAULT_FILE = "config/schedules.yaml";
    /** A schedule's id becomes part of route ids and the store's key: kept to URI-safe characters. */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$");
    private static final Duration SHORTEST = Duration.ofSeconds(1);
    private static final List<String> TOP_KEYS = List.of("schedules");
    private static final List<String> KEYS = List.of("id", "cron", "every", "incremental", "export");

    private ScheduleDefinitions() {
    }

    /**
     * The schedules of the file named by {@code exporter.schedules.file} (relative to {@code workingDir}
     * unless absolute). No file means no schedules, unless the key names a file other than the default
     * explicitly: then it was meant to be there.
     *
     * @throws ConfigException naming the file and each invalid schedule
     */
    public static List<ScheduleDefinition> load(Settings settings, Path workingDir, DataTypes dataTypes) {
        return ConfigFiles.read(settings, workingDir, SETTING, DEFAULT_FILE, "schedules file")
                .map(file -> parse(file.content(), file.name(), dataTypes))
                .orElse(List.of());
    }

    /**
     * Parses and checks a schedules document. An empty document (or one holding only comments) has no
     * schedules.
     *
     * @param fileName how messages name the file
     * @throws ConfigException listing every problem found, one per line
     */
    public static List<ScheduleDefinition> parse(String yamlText, String fileName, DataTypes dataTypes) {
        JsonNode root = ConfigFiles.parseYaml(yamlText, fileName);
        Problems problems = new Problems();
        List<ScheduleDefinition> schedules = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isObject()) {
            throw new ConfigException(fileName + ": expected a top-level 'schedules:' list");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP_KEYS.contains(k)) {
                problems.add("", "unknown key '" + k + "' (expected 'schedules')");
            }
        });
        JsonNode list = root.get("schedules");
        if (list != null && !list.isNull() && !list.isArray()) {
            problems.add("", "'schedules' must be a list of { id, cron or every, incremental, export }");
        } else if (list != null) {
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                ScheduleDefinition d = parseOne(list.get(i), i, fileName, dataTypes, ids, problems);
                if (d != null) {
                    schedules.add(d);
                }
            }
        }
        problems.throwIfAny(fileName);
        return List.copyOf(schedules);
    }

    private static ScheduleDefinition parseOne(JsonNode node, int index, String fileName, DataTypes dataTypes,
                                               Map<String, Integer> ids, Problems problems) {
        JsonNode idNode = node == null ? null : node.get("id");
        String id = idNode != null && idNode.isValueNode() && !idNode.isNull() ? idNode.asText() : null;
        String where = "schedule " + (id == null ? "#" + (index + 1) : "'" + id + "'") + ": ";
        int before = problems.count();
        if (node == null || !node.isObject()) {
            problems.add(where, "expected a map { id, cron or every, incremental, export }");
            return null;
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(where, "unknown key '" + k + "' (expected one of " + String.join(", ", KEYS) + ")");
            }
        });
        if (id == null) {
            problems.add(where, "'id' is required");
        } else if (!ID.matcher(id).matches()) {
            problems.add(where, "invalid id (1 to 100 characters A-Z a-z 0-9 _ . -, starting with a letter or digit)");
        } else {
            Integer earlier = ids.putIfAbsent(id, index);
            if (earlier != null) {
                problems.add(where, "duplicate id (schedule #" + (earlier + 1) + " has it too)");
            }
        }
        String cron = text(node, "cron", where, problems);
        Duration every = every(node, where, problems);
        if (node.has("cron") && node.has("every")) {
            problems.add(where, "has both 'cron' and 'every'; give exactly one");
        } else if (!node.has("cron") && !node.has("every")) {
            problems.add(where, "needs 'cron' (a Quartz cron expression) or 'every' (an ISO-8601 duration such as PT15M)");
        }
        if (cron != null) {
            try {
                CronExpression.validateExpression(cron);
            } catch (ParseException e) {
                problems.add(where, "'cron' is not a valid Quartz cron expression '" + cron + "': " + e.getMessage()
                        + " (six or seven fields: seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 2 * * ?\")");
            }
        }
        boolean incremental = false;
        JsonNode inc = node.get("incremental");
        if (inc != null && !inc.isNull()) {
            if (inc.isBoolean()) {
                incremental = inc.booleanValue();
            } else {
                problems.add(where, "'incremental' must be true or false, got '" + inc.asText() + "'");
            }
        }
        JsonNode export = node.get("export");
        if (export == null || export.isNull()) {
            problems.add(where, "'export' is required: the export request, e.g. { data_types: [logs] }");
        } else {
            try {
                ExportConfigParser.parse(export, dataTypes);
            } catch (InvalidExportConfigException e) {
                for (Problem p : e.problems()) {
                    problems.add(where, "export." + p.field() + ": " + p.problem());
                }
            }
        }
        if (problems.count() > before) {
            return null;
        }
        return new ScheduleDefinition(id, cron, every, incremental, export.deepCopy());
    }

    private static Duration every(JsonNode node, String where, Problems problems) {
        String text = text(node, "every", where, problems);
        if (text == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(text);
            if (d.compareTo(SHORTEST) < 0) {
                problems.add(where, "'every' must be at least one second (PT1S), got " + text);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add(where, "'every' is not an ISO-8601 duration: '" + text + "' (e.g. PT30S, PT15M, PT1H, P1D)");
            return null;
        }
    }

    /** A non-empty text value, or null when absent or wrong (the problem is then recorded). */
    private static String text(JsonNode node, String key, String where, Problems problems) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(where, "'" + key + "' must be a non-empty text, got " + v);
            return null;
        }
        return v.asText().trim();
    }

}
