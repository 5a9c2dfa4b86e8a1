package com.exportservice.demo;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

import static com.exportservice.demo.DemoLogs.setString;
import static com.exportservice.demo.DemoRandom.hex;
import static com.exportservice.demo.DemoRandom.mix;
import static com.exportservice.demo.DemoRandom.pad;
import static com.exportservice.demo.DemoRandom.pick;

/** User activity events: logins, page views, purchases with amounts, JSON payloads. */
final class DemoEvents extends DemoTable {
    static final String NAME = "events";
    private static final List<Column> COLUMNS = List.of(
            new Column("id", "BIGINT NOT NULL PRIMARY KEY"),
            new Column("occurred_at", "TIMESTAMP"),
            new Column("event_type", "VARCHAR(32)"),
            new Column("user_id", "VARCHAR(32)"),
            new Column("amount", "DECIMAL(12,2)"),
            new Column("success", "BOOLEAN"),
            new Column("description", "VARCHAR(2000)"),
            new Column("payload", "VARCHAR(2000)"));

    private static final String[] PAGES = {"/", "/products", "/products/42", "/products/1337", "/cart", "/checkout", "/account", "/search?q=shoes"};
    private static final String[] REFERRERS = {"google.com", "newsletter", "direct", "bing.com", "partner-site.example"};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "US", "GB", "CH"};
    private static final String[] PLANS = {"free", "pro", "team"};

    DemoEvents() {
        super(NAME, "occurred_at", COLUMNS);
    }

    @Override
    void bind(PreparedStatement ps, long id, DemoTimeline time) throws SQLException {
        long h = mix(id * 31 + 2);
        DemoImperfection flaw = DemoImperfection.of(NAME, id);
        String type = type(h);
        String user = "u-" + pad(1 + pick(h, 2, 20000), 6);
        boolean success = switch (type) {
            case "ERROR" -> false;
            case "PURCHASE" -> pick(h, 4, 20) != 0;
            case "LOGIN" -> pick(h, 4, 12) != 0;
            default -> true;
        };
        BigDecimal amount = type.equals("PURCHASE") ? BigDecimal.valueOf(499 + pick(h, 3, 50000), 2) : null;
        String description = description(type, user, success, amount, h);
        String payload = payload(type, h);
        if (flaw != null) {
            int variant = variant(id);
            switch (flaw) {
                case EVENT_TYPE_LOWER_CASE -> type = type.toLowerCase(Locale.ROOT);
                case EVENT_TYPE_MIXED_CASE -> type = mixedCase(type);
                case EVENT_TYPE_UNKNOWN -> type = "CLICK";
                case EVENT_USER_NULL -> user = null;
                case EVENT_USER_MALFORMED -> user = switch (variant) {
                    case 0 -> "user-42";
                    case 1 -> user.toUpperCase(Locale.ROOT);
                    default -> "u-" + pick(h, 5, 100);
                };
                case EVENT_PAYLOAD_INVALID_JSON -> payload = invalidJson(variant, h);
                case EVENT_DESCRIPTION_CONTROL_CHARS -> description = "\u001B[33m" + type + "\u001B[0m\t"
                        + (description == null ? "no details" : description) + "\r\n\u0007\u001F";
                case EVENT_TIMESTAMP_FUTURE -> {
                    // bound below, instead of the ordered timestamp
                }
                case EVENT_USER_NULL_AND_PAYLOAD_INVALID -> {
                    user = null;
                    payload = invalidJson(variant, h);
                }
                default -> throw new IllegalStateException("not an events imperfection: " + flaw);
            }
        }
        ps.setLong(1, id);
        ps.setObject(2, flaw == DemoImperfection.EVENT_TIMESTAMP_FUTURE ? time.future(id) : time.at(id, h));
        ps.setString(3, type);
        setString(ps, 4, user);
        if (amount == null) {
            ps.setNull(5, Types.DECIMAL);
        } else {
            ps.setBigDecimal(5, amount);
        }
        ps.setBoolean(6, success);
        setString(ps, 7, description);
        setString(ps, 8, payload);
    }

    /** Page views dominate; purchases and errors are rarer. */
    private static String type(long h) {
        int b = pick(h, 1, 100);
        if (b < 45) {
            return "PAGE_VIEW";
        }
        if (b < 60) {
            return "LOGIN";
        }
        if (b < 72) {
            return "LOGOUT";
        }
        if (b < 84) {
            return "PURCHASE";
        }
        return b < 90 ? "SIGNUP" : "ERROR";
    }

    /** PAGE_VIEW → Page_View. */
    private static String mixedCase(String type) {
        StringBuilder b = new StringBuilder(type.length());
        boolean start = true;
        for (char c : type.toCharArray()) {
            b.append(start ? c : Character.toLowerCase(c));
            start = c == '_';
        }
        return b.toString();
    }

    /** A sentence with key=value pairs, or null for one row in fifteen (description is optional). */
    private static String description(String type, String user, boolean success, BigDecimal amount, long h) {
        if (pick(h, 6, 15) == 0) {
            return null;
        }
        return switch (type) {
            case "PAGE_VIEW" -> "User " + user + " viewed " + pick(h, 7, PAGES) + " referrer=" + pick(h, 8, REFERRERS);
            case "LOGIN" -> success
                    ? "User " + user + " signed in method=password ip=10.1." + pick(h, 7, 256) + "." + pick(h, 8, 256)
                    : "User " + user + " failed to sign in reason=wrong_password attempts=" + (1 + pick(h, 7, 4));
            case "LOGOUT" -> "User " + user + " signed out session_minutes=" + (1 + pick(h, 7, 240));
            case "PURCHASE" -> "User " + user + (success ? " purchased " : " failed to purchase ") + (1 + pick(h, 7, 5))
                    + " items total=" + amount + " currency=EUR order_id=ord-" + pad(pick(h, 8, 1_000_000), 6);
            case "SIGNUP" -> "New account " + user + " plan=" + pick(h, 7, PLANS) + " country=" + pick(h, 8, COUNTRIES);
            default -> "Client error code=E" + (1000 + pick(h, 7, 100)) + " page=/checkout reason=card_validation_failed";
        };
    }

    private static String payload(String type, long h) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"session_id\":\"s-").append(hex(h, 9, 12))
                .append("\",\"ip\":\"10.1.").append(pick(h, 10, 256)).append('.').append(pick(h, 11, 256))
                .append("\",\"user_agent\":\"").append(pick(h, 12, AGENTS))
                .append("\",\"page\":\"").append(pick(h, 13, PAGES)).append('"');
        if (type.equals("PURCHASE")) {
            b.append(",\"items\":").append(1 + pick(h, 14, 5)).append(",\"currency\":\"EUR\"");
        }
        return b.append('}').toString();
    }

    private static String invalidJson(int variant, long h) {
        return switch (variant) {
            case 0 -> "{\"session_id\":\"s-" + hex(h, 9, 12) + "\",\"items\":}";
            case 1 -> "session=s-" + hex(h, 9, 12) + "; page=/cart";
            default -> "{\"page\":\"/checkout\",\"items\":[1,2";
        };
    }
}
