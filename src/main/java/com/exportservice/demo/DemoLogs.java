package com.exportservice.demo;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import static com.exportservice.demo.DemoRandom.hex;
import static com.exportservice.demo.DemoRandom.mix;
import static com.exportservice.demo.DemoRandom.pad;
import static com.exportservice.demo.DemoRandom.pick;

/** Application log lines: levels, messages with key=value pairs, hosts, trace ids, JSON metadata. */
final class DemoLogs extends DemoTable {
    static final String NAME = "logs";
    private static final List<Column> COLUMNS = List.of(
            new Column("id", "BIGINT NOT NULL PRIMARY KEY"),
            new Column("ts", "TIMESTAMP"),
            new Column("level", "VARCHAR(16)"),
            new Column("message", "VARCHAR(4000)"),
            new Column("source", "VARCHAR(100)"),
            new Column("host", "VARCHAR(100)"),
            new Column("trace_id", "VARCHAR(64)"),
            new Column("metadata", "VARCHAR(2000)"));

    private static final String[] HOSTS = {"web-01", "web-02", "web-03", "web-04", "api-01", "api-02", "worker-01", "worker-02", "batch-01"};
    private static final String[] SOURCES = {"api-gateway", "auth-service", "checkout", "payments", "inventory", "search", "scheduler", "notification"};
    static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"};
    private static final String[] PATHS = {"/api/orders", "/api/cart", "/api/login", "/api/products", "/api/search", "/api/checkout", "/healthz"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] SERVICES = {"payments", "inventory", "shipping", "recommendations", "auth"};
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1"};
    private static final String[] VERSIONS = {"2.4.1", "2.4.2", "2.5.0"};

    DemoLogs() {
        super(NAME, "ts", COLUMNS);
    }

    @Override
    void bind(PreparedStatement ps, long id, DemoTimeline time) throws SQLException {
        long h = mix(id * 31 + 1);
        DemoImperfection flaw = DemoImperfection.of(NAME, id);
        String level = level(h);
        String message = message(level, h);
        String traceId = hex(h, 11, 32);
        String metadata = metadata(h);
        if (flaw != null) {
            int variant = variant(id);
            switch (flaw) {
                case LOG_LEVEL_ALIAS_WARNING -> {
                    message = message("WARN", h);
                    level = "warning";
                }
                case LOG_LEVEL_MIXED_CASE -> {
                    message = message("WARN", h);
                    level = "Warn";
                }
                case LOG_LEVEL_ALIAS_ERR -> {
                    message = message("ERROR", h);
                    level = "err";
                }
                case LOG_LEVEL_UNKNOWN -> {
                    message = message("DEBUG", h);
                    level = "VERBOSE";
                }
                case LOG_MESSAGE_ANSI -> message = "\u001B[1;31m" + level + "\u001B[0m " + message + " \u001B[2m(" + host(h) + ")\u001B[0m";
                case LOG_MESSAGE_CONTROL_CHARS -> message = "worker\u0007 stalled\tqueue=" + pick(h, 12, SERVICES)
                        + "\r\n  depth=" + (100 + pick(h, 13, 5000)) + "\u000B\u000C retry=" + pick(h, 14, 5) + "\u0008";
                case LOG_METADATA_INVALID_JSON -> metadata = switch (variant) {
                    case 0 -> "{\"user\": \"" + pick(h, 15, USERS) + "\", \"retry\": }";
                    case 1 -> "{'thread': 'worker-" + pick(h, 16, 8) + "'}";
                    default -> "{\"region\":\"eu-west-1\",\"version\":\"2.4";
                };
                case LOG_MESSAGE_NULL -> message = null;
                case LOG_MESSAGE_EMPTY -> message = "";
                case LOG_TRACE_ID_MALFORMED -> traceId = switch (variant) {
                    case 0 -> traceId.toUpperCase(java.util.Locale.ROOT);
                    case 1 -> traceId.substring(1);
                    default -> "N/A";
                };
                case LOG_TIMESTAMP_FUTURE -> {
                    // bound below, instead of the ordered timestamp
                }
                default -> throw new IllegalStateException("not a logs imperfection: " + flaw);
            }
        }
        ps.setLong(1, id);
        ps.setObject(2, flaw == DemoImperfection.LOG_TIMESTAMP_FUTURE ? time.future(id) : time.at(id, h));
        ps.setString(3, level);
        setString(ps, 4, message);
        ps.setString(5, pick(h, 2, SOURCES));
        ps.setString(6, host(h));
        ps.setString(7, traceId);
        setString(ps, 8, metadata);
    }

    static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static String host(long h) {
        return pick(h, 3, HOSTS);
    }

    /** Mostly INFO, some DEBUG/WARN/ERROR, few TRACE/FATAL. */
    static String level(long h) {
        int b = pick(h, 1, 100);
        if (b < 4) {
            return "TRACE";
        }
        if (b < 18) {
            return "DEBUG";
        }
        if (b < 72) {
            return "INFO";
        }
        if (b < 86) {
            return "WARN";
        }
        return b < 97 ? "ERROR" : "FATAL";
    }

    private static String message(String level, long h) {
        String user = pick(h, 4, USERS);
        String requestId = "req-" + hex(h, 5, 12);
        int t = pick(h, 6, 4);
        return switch (level) {
            case "TRACE" -> t % 2 == 0
                    ? "entering handler=OrderController.list thread=http-exec-" + pick(h, 7, 32)
                    : "span started span_id=" + hex(h, 8, 16) + " parent_id=" + hex(h, 9, 16);
            case "DEBUG" -> switch (t) {
                case 0 -> "cache lookup key=order:" + pick(h, 7, 90000) + " hit=" + (pick(h, 8, 3) > 0) + " duration_ms=" + pick(h, 9, 5);
                case 1 -> "sql executed statement=select_orders rows=" + pick(h, 7, 500) + " duration_ms=" + pick(h, 8, 80);
                default -> "feature flag evaluated flag=new_checkout user=" + user + " enabled=" + (pick(h, 9, 2) == 0);
            };
            case "INFO" -> switch (t) {
                case 0 -> "request completed method=" + pick(h, 7, METHODS) + " path=" + pick(h, 8, PATHS) + " status=200 user=" + user
                        + " request_id=" + requestId + " duration_ms=" + (3 + pick(h, 9, 400));
                case 1 -> "user login succeeded user=" + user + " ip=10.0." + pick(h, 7, 256) + "." + pick(h, 8, 256) + " method=password";
                case 2 -> "order created order_id=ord-" + pad(pick(h, 7, 1_000_000), 6) + " user=" + user + " items=" + (1 + pick(h, 8, 6))
                        + " total=" + (5 + pick(h, 9, 300)) + "." + pad(pick(h, 10, 100), 2) + " currency=EUR";
                default -> pick(h, 7, 5) == 0
                        ? "address updated user=" + user + " city=Zürich note=café"
                        : "scheduled job finished job=cleanup-sessions removed=" + pick(h, 8, 200) + " duration_ms=" + (100 + pick(h, 9, 2000));
            };
            case "WARN" -> switch (t) {
                case 0, 1 -> "slow request method=" + pick(h, 7, METHODS) + " path=" + pick(h, 8, PATHS) + " user=" + user
                        + " request_id=" + requestId + " duration_ms=" + (1000 + pick(h, 9, 4000)) + " threshold_ms=1000";
                case 2 -> "retrying call service=" + pick(h, 7, SERVICES) + " attempt=" + (1 + pick(h, 8, 3)) + " reason=timeout";
                default -> "connection pool nearly exhausted pool=orders-db active=" + (17 + pick(h, 7, 3)) + " max=20";
            };
            case "ERROR" -> switch (t) {
                case 0, 1 -> "upstream timeout service=" + pick(h, 7, SERVICES) + " request_id=" + requestId + " duration_ms=5000 user=" + user;
                case 2 -> "payment declined user=" + user + " order_id=ord-" + pad(pick(h, 7, 1_000_000), 6) + " reason=insufficient_funds";
                default -> "unhandled exception handler=CartController.add error=NullPointerException request_id=" + requestId;
            };
            default -> t % 2 == 0
                    ? "out of memory heap_used_mb=" + (2048 + pick(h, 7, 4096)) + " pid=" + (1000 + pick(h, 8, 30000)) + " action=shutdown"
                    : "database unreachable host=db-01 port=5432 attempts=10";
        };
    }

    /** A JSON object, or null for one row in ten (metadata is optional). */
    private static String metadata(long h) {
        if (pick(h, 20, 10) == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder(128);
        b.append("{\"thread\":\"worker-").append(pick(h, 21, 16))
                .append("\",\"pid\":").append(1000 + pick(h, 22, 30000))
                .append(",\"region\":\"").append(pick(h, 23, REGIONS))
                .append("\",\"version\":\"").append(pick(h, 24, VERSIONS)).append('"');
        if (pick(h, 25, 3) == 0) {
            b.append(",\"http\":{\"method\":\"").append(pick(h, 26, METHODS)).append("\",\"status\":").append(200).append('}');
        }
        return b.append('}').toString();
    }
}
