package com.exportservice.source;

import java.util.Locale;

/**
 * The few SQL differences between the supported databases. Identifiers come only from the data type
 * definitions (never from a request) and are still quoted here.
 */
public enum SqlDialect {
    H2('"'), POSTGRESQL('"'), MARIADB('`');

    private final char quote;

    SqlDialect(char quote) {
        this.quote = quote;
    }

    /** The dialect for a JDBC URL. */
    public static SqlDialect fromJdbcUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        if (u.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL (expected jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:): " + url);
    }

    /** Quotes an identifier, doubling any quote character inside it. */
    public String quote(String identifier) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /**
     * The identifier as the database stores an unquoted name: H2 folds to upper case, PostgreSQL to
     * lower case. Used so that definitions written in either case match the catalog.
     */
    public String catalogCase(String identifier) {
        return switch (this) {
            case H2 -> identifier.toUpperCase(Locale.ROOT);
            case POSTGRESQL -> identifier.toLowerCase(Locale.ROOT);
            case MARIADB -> identifier;
        };
    }

    /** {@code a IS DISTINCT FROM ?} in this dialect (MariaDB lacks the standard spelling). */
    public String distinctFromParam(String columnSql) {
        return this == MARIADB ? "NOT (" + columnSql + " <=> ?)" : columnSql + " IS DISTINCT FROM ?";
    }
}
