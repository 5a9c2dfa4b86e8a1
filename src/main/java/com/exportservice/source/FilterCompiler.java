package com.exportservice.source;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.ExportConfigParser;
import com.exportservice.request.FilterCondition;
import com.exportservice.request.FilterOperator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles the date range and filters of a request into one boolean SQL condition over a data type's
 * columns (no WHERE keyword), with every user value a positional parameter: values never become SQL
 * text. Column names come only from the data type definition and are quoted by the dialect.
 * Semantics of contract section 10:
 * <ul>
 * <li>date range: {@code ts >= ?} and {@code ts < ?} on the timestamp column;</li>
 * <li>enum eq/in match after normalization: {@code LOWER(TRIM(col)) IN (…)} over the lower-case
 *     canonical value and every alias of it, so {@code WARN} matches {@code warning} and {@code Warn};</li>
 * <li>ne is IS DISTINCT FROM: rows holding NULL match;</li>
 * <li>contains/starts_with are case-insensitive with {@code %} and {@code _} literal:
 *     {@code LOWER(col) LIKE ? ESCAPE '!'};</li>
 * <li>string/text comparisons are exact (case-sensitive) on every database; MariaDB's default
 *     collations ignore case, so there the column is compared as {@code BINARY}, which also makes its
 *     ordering (gt…lte) the code point order that H2 and PostgreSQL with a C collation use.</li>
 * </ul>
 * Filters on fields the data type lacks are skipped for it.
 */
public final class FilterCompiler {
    private static final String ALWAYS = "1=1";

    private FilterCompiler() {
    }

    /**
     * @throws IllegalArgumentException when the config does not fit the data type (a date range without
     *                                  timestamp column, a value or operator the field cannot take): the
     *                                  parser rules these out, so this means a hand-built config
     */
    public static SqlQuery compile(DataType type, ExportConfig config, SqlDialect dialect, TimestampBinder binder) {
        Builder b = new Builder(dialect, binder);
        if (config.startDate() != null || config.endDate() != null) {
            String column = type.timestampColumn();
            if (column == null) {
                throw new IllegalArgumentException("data type '" + type.name() + "' has no timestamp column for the date range");
            }
            if (config.startDate() != null) {
                b.part(dialect.quote(column) + " >= ?").param(binder.bind(column, config.startDate()));
            }
            if (config.endDate() != null) {
                b.part(dialect.quote(column) + " < ?").param(binder.bind(column, config.endDate()));
            }
        }
        for (FilterCondition c : config.filters()) {
            type.field(c.field()).ifPresent(f -> b.condition(f, c));
        }
        return b.build();
    }

    /** Escapes {@code !}, {@code %} and {@code _} with {@code !} for {@code LIKE … ESCAPE '!'}; not a backslash, which MariaDB treats specially. */
    static String escapeLike(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '!' || ch == '%' || ch == '_') {
                sb.append('!');
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    /** Accumulates the ANDed parts and their parameters. */
    private static final class Builder {
        private final SqlDialect dialect;
        private final TimestampBinder binder;
        private final List<String> parts = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        Builder(SqlDialect dialect, TimestampBinder binder) {
            this.dialect = dialect;
            this.binder = binder;
        }

        Builder part(String sql) {
            parts.add(sql);
            return this;
        }

        Builder param(Object value) {
            params.add(value);
            return this;
        }

        SqlQuery build() {
            return parts.isEmpty() ? SqlQuery.of(ALWAYS) : new SqlQuery(String.join(" AND ", parts), params);
        }

        void condition(FieldDef f, FilterCondition c) {
            FilterOperator op = c.operator();
            if (!ExportConfigParser.operatorsFor(f.type()).contains(op)) {
                throw new IllegalArgumentException("operator '" + op.jsonName() + "' does not apply to "
                        + f.type().yamlName() + " field '" + f.name() + "'");
            }
            if (c.values().isEmpty()) {
                throw new IllegalArgumentException("filter on '" + f.name() + "' has no value");
            }
            String col = dialect.quote(f.column());
            if (op == FilterOperator.IS_NULL) {
                part(col + (c.matchesNull() ? " IS NULL" : " IS NOT NULL"));
            } else if (op == FilterOperator.CONTAINS || op == FilterOperator.STARTS_WITH) {
                // the operator applies to string, text and json fields only: their values are strings
                String value = escapeLike(((String) c.valuesFor(f).get(0)).toLowerCase(Locale.ROOT));
                part("LOWER(" + asText(f, col) + ") LIKE ? ESCAPE '!'")
                        .param(op == FilterOperator.CONTAINS ? "%" + value + "%" : value + "%");
            } else if (f.type() == FieldType.ENUM) {
                enumCondition(f, c, col);
            } else {
                comparison(f, c, col);
            }
        }

        /** eq, ne and in on an enum: against every spelling of the canonical values. */
        private void enumCondition(FieldDef f, FilterCondition c, String col) {
            Set<String> spellings = c.enumSpellings(f);
            String list = placeholders(spellings.size());
            String normalized = "LOWER(TRIM(" + col + "))";
            if (c.operator() == FilterOperator.NE) {
                part("(" + col + " IS NULL OR " + normalized + " NOT IN (" + list + "))");
            } else {
                part(normalized + " IN (" + list + ")");
            }
            params.addAll(spellings);
        }

        private void comparison(FieldDef f, FilterCondition c, String col) {
            String lhs = exact(f, col);
            FilterOperator op = c.operator();
            switch (op) {
                case EQ -> part(lhs + " = ?");
                case NE -> part(dialect.distinctFromParam(lhs));
                case GT -> part(lhs + " > ?");
                case GTE -> part(lhs + " >= ?");
                case LT -> part(lhs + " < ?");
                case LTE -> part(lhs + " <= ?");
                case IN -> part(lhs + " IN (" + placeholders(c.values().size()) + ")");
                default -> throw new IllegalStateException("not a comparison: " + op);
            }
            List<Object> values = c.valuesFor(f);
            for (Object typed : op == FilterOperator.IN ? values : values.subList(0, 1)) {
                param(typed instanceof Instant i ? binder.bind(f.column(), i) : typed);
            }
        }

        /** The column as compared exactly: MariaDB's default collations ignore case, BINARY does not. */
        private String exact(FieldDef f, String col) {
            boolean character = f.type() == FieldType.STRING || f.type() == FieldType.TEXT;
            return character && dialect == SqlDialect.MARIADB ? "BINARY " + col : col;
        }

        /** A json column as character data, so LOWER and LIKE apply (PostgreSQL has no LOWER(jsonb)). */
        private String asText(FieldDef f, String col) {
            if (f.type() != FieldType.JSON) {
                return col;
            }
            return switch (dialect) {
                case H2 -> "CAST(" + col + " AS VARCHAR)";
                case POSTGRESQL -> "CAST(" + col + " AS TEXT)";
                case MARIADB -> "CAST(" + col + " AS CHAR)";
            };
        }

        private static String placeholders(int n) {
            StringBuilder sb = new StringBuilder(n * 3);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "?" : ", ?");
            }
            return sb.toString();
        }
    }
}
