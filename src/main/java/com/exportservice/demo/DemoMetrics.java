package com.exportservice.demo;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

import static com.exportservice.demo.DemoLogs.setString;
import static com.exportservice.demo.DemoRandom.mix;
import static com.exportservice.demo.DemoRandom.pick;

/** Host metrics: latency, request counts, CPU, memory, with units and JSON tags. */
final class DemoMetrics extends DemoTable {
    static final String NAME = "metrics";
    private static final List<Column> COLUMNS = List.of(
            new Column("id", "BIGINT NOT NULL PRIMARY KEY"),
            new Column("recorded_at", "TIMESTAMP"),
            new Column("name", "VARCHAR(100)"),
            new Column("value", "DOUBLE PRECISION"),
            new Column("unit", "VARCHAR(16)"),
            new Column("host", "VARCHAR(100)"),
            new Column("tags", "VARCHAR(1000)"));

    /** name, unit, low, high: values are drawn between low and high. */
    private record Metric(String name, String unit, double low, double high, boolean whole) {
    }

    private static final Metric[] METRICS = {
            new Metric("http.latency", "MS", 2, 2500, false),
            new Metric("http.requests", "COUNT", 0, 5000, true),
            new Metric("cpu.usage", "PERCENT", 0.5, 99.5, false),
            new Metric("memory.used", "BYTES", 1.0e8, 8.0e9, true),
            new Metric("disk.free", "BYTES", 1.0e9, 5.0e11, true),
            new Metric("db.query_time", "MS", 0.2, 900, false),
            new Metric("queue.depth", "COUNT", 0, 1200, true),
            new Metric("gc.pause", "MS", 0.1, 350, false)};
    private static final String[] HOSTS = {"web-01", "web-02", "web-03", "web-04", "api-01", "api-02", "worker-01", "db-01"};
    private static final String[] SERVICES = {"checkout", "catalog", "auth", "payments", "search"};
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1"};

    DemoMetrics() {
        super(NAME, "recorded_at", COLUMNS);
    }

    @Override
    void bind(PreparedStatement ps, long id, DemoTimeline time) throws SQLException {
        long h = mix(id * 31 + 3);
        DemoImperfection flaw = DemoImperfection.of(NAME, id);
        Metric m = pick(h, 1, METRICS);
        String name = m.name();
        String unit = m.unit();
        Double value = value(m, h);
        String host = pick(h, 3, HOSTS);
        String tags = "{\"env\":\"prod\",\"region\":\"" + pick(h, 4, REGIONS) + "\",\"service\":\"" + pick(h, 5, SERVICES) + "\"}";
        if (flaw != null) {
            int variant = variant(id);
            switch (flaw) {
                case METRIC_UNIT_LOWER_CASE -> unit = unit.toLowerCase(Locale.ROOT);
                case METRIC_UNIT_MIXED_CASE -> unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
                case METRIC_UNIT_UNKNOWN -> unit = "SECONDS";
                case METRIC_VALUE_NULL -> value = null;
                case METRIC_NAME_MALFORMED -> name = variant == 0 ? name.toUpperCase(Locale.ROOT) : "Http Latency";
                case METRIC_TAGS_INVALID_JSON -> tags = switch (variant) {
                    case 0 -> "{\"env\":\"prod\",}";
                    case 1 -> "env=prod,region=eu-west-1";
                    default -> "{\"env\":\"prod\",\"service\":";
                };
                case METRIC_TIMESTAMP_FUTURE -> {
                    // bound below, instead of the ordered timestamp
                }
                default -> throw new IllegalStateException("not a metrics imperfection: " + flaw);
            }
        }
        ps.setLong(1, id);
        ps.setObject(2, flaw == DemoImperfection.METRIC_TIMESTAMP_FUTURE ? time.future(id) : time.at(id, h));
        ps.setString(3, name);
        if (value == null) {
            ps.setNull(4, Types.DOUBLE);
        } else {
            ps.setDouble(4, value);
        }
        ps.setString(5, unit);
        ps.setString(6, host);
        setString(ps, 7, tags);
    }

    private static double value(Metric m, long h) {
        double f = pick(h, 2, 1_000_000) / 1_000_000.0;
        double v = m.low() + f * f * (m.high() - m.low());  // skewed towards low values, like real latencies
        return m.whole() ? Math.rint(v) : Math.round(v * 1000) / 1000.0;
    }
}
