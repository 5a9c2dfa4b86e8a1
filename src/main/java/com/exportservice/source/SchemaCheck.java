package com.exportservice.source;

import com.exportservice.config.ConfigException;
import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.Problems;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks at start-up that every data type's table (or query), id column, timestamp column and field
 * columns exist in the source database, so that a wrong definition stops start-up with a clear message
 * instead of failing an export later (contract section 3). Reads only metadata: each relation is
 * probed with {@code SELECT * ... WHERE 1=0}, which works alike for tables and queries, honours the
 * connection's schema/search path and needs no catalog pattern escaping.
 */
public final class SchemaCheck {
    /** "No such table" in H2 and MariaDB (42S02; H2 also 42S03/42S04 with hints) and PostgreSQL (42P01). */
    private static final Set<String> TABLE_NOT_FOUND_STATES = Set.of("42S02", "42S03", "42S04", "42P01");

    private SchemaCheck() {
    }

    /**
     * @param fileName how messages name the data types file
     * @return the database spelling and JDBC type of every declared column
     * @throws ConfigException listing every problem, one per line
     */
    public static SourceSchema check(DataTypes types, DataSource source, SqlDialect dialect, String fileName) {
        Problems problems = new Problems();
        Map<String, SourceTable> tables = new LinkedHashMap<>();
        try (Connection c = source.getConnection()) {
            // On PostgreSQL a failed probe would abort an open transaction and fail every later probe.
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            for (DataType t : types.all()) {
                SourceTable table = checkOne(c, t, dialect, "data type '" + t.name() + "': ", problems);
                if (table != null) {
                    tables.put(t.name(), table);
                }
            }
        } catch (SQLException e) {
            throw new ConfigException(fileName + ": cannot check the data types against the source database: " + e.getMessage(), e);
        }
        problems.throwIfAny(fileName);
        return new SourceSchema(tables);
    }

    private static SourceTable checkOne(Connection c, DataType t, SqlDialect dialect, String where, Problems problems) {
        Probe probe = t.query() != null ? probeQuery(c, t.query(), where, problems) : probeTable(c, t.table(), dialect, where, problems);
        if (probe == null) {
            return null;
        }
        String relation = t.query() != null ? "the query" : "table '" + probe.dbTable + "'";
        int before = problems.count();
        Map<String, SourceColumn> columns = new LinkedHashMap<>();
        for (FieldDef f : t.fields()) {
            SourceColumn col = probe.find(f.column(), dialect);
            if (col == null) {
                problems.add(where, "field '" + f.column() + "': column '" + f.column() + "' not found in " + relation
                        + " (columns: " + String.join(", ", probe.names()) + ")");
            } else {
                columns.put(f.column(), col);
            }
        }
        SourceColumn id = probe.find(t.idColumn(), dialect);
        if (id == null) {
            problems.add(where, "id-column '" + t.idColumn() + "' not found in " + relation
                    + " (columns: " + String.join(", ", probe.names()) + ")");
        } else {
            columns.putIfAbsent(t.idColumn(), id);
        }
        if (t.timestampColumn() != null) {
            SourceColumn ts = probe.find(t.timestampColumn(), dialect);
            if (ts == null) {
                problems.add(where, "timestamp-column '" + t.timestampColumn() + "' not found in " + relation
                        + " (columns: " + String.join(", ", probe.names()) + ")");
            } else if (!ts.isTemporal() && !ts.isTextual()) {
                problems.add(where, "timestamp-column '" + t.timestampColumn() + "' has type " + describe(ts)
                        + "; expected a date/time column (DATE, TIMESTAMP) or text holding ISO-8601 timestamps");
            } else {
                columns.putIfAbsent(t.timestampColumn(), ts);
            }
        }
        return problems.count() > before ? null : new SourceTable(t.name(), probe.dbTable, columns);
    }

    /** Tries the name as the database stores unquoted names first, then the exact spelling. */
    private static Probe probeTable(Connection c, String table, SqlDialect dialect, String where, Problems problems) {
        Set<String> candidates = new LinkedHashSet<>(List.of(dialect.catalogCase(table), table));
        SQLException last = null;
        for (String candidate : candidates) {
            try {
                return probe(c, "SELECT * FROM " + dialect.quote(candidate) + " WHERE 1=0", candidate);
            } catch (SQLException e) {
                last = e;
            }
        }
        if (TABLE_NOT_FOUND_STATES.contains(String.valueOf(last.getSQLState()))) {
            problems.add(where, "table '" + table + "' not found in the source database");
        } else {
            problems.add(where, "cannot read table '" + table + "': " + ConfigException.oneLine(last.getMessage()));
        }
        return null;
    }

    private static Probe probeQuery(Connection c, String query, String where, Problems problems) {
        try {
            return probe(c, "SELECT * FROM (" + query + ") q WHERE 1=0", null);
        } catch (SQLException e) {
            problems.add(where, "query failed: " + ConfigException.oneLine(e.getMessage()));
            return null;
        }
    }

    private static Probe probe(Connection c, String sql, String dbTable) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<SourceColumn> cols = new ArrayList<>(md.getColumnCount());
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(new SourceColumn(null, md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i)));
            }
            return new Probe(dbTable, cols);
        }
    }

    private static String describe(SourceColumn c) {
        String jdbc;
        try {
            jdbc = JDBCType.valueOf(c.jdbcType()).getName();
        } catch (IllegalArgumentException e) {
            jdbc = String.valueOf(c.jdbcType());
        }
        return c.typeName() == null || c.typeName().equalsIgnoreCase(jdbc) ? jdbc : c.typeName() + " (" + jdbc + ")";
    }


    /** The columns a relation yields. */
    private record Probe(String dbTable, List<SourceColumn> columns) {

        /**
         * The column for a declared name: the exact spelling, else the database's spelling of an
         * unquoted name; MariaDB compares column names ignoring case anyway.
         */
        SourceColumn find(String declared, SqlDialect dialect) {
            SourceColumn hit = byName(declared, false);
            if (hit == null) {
                hit = byName(dialect.catalogCase(declared), false);
            }
            if (hit == null && dialect == SqlDialect.MARIADB) {
                hit = byName(declared, true);
            }
            return hit == null ? null : new SourceColumn(declared, hit.dbName(), hit.jdbcType(), hit.typeName());
        }

        private SourceColumn byName(String name, boolean ignoreCase) {
            for (SourceColumn c : columns) {
                if (ignoreCase ? c.dbName().equalsIgnoreCase(name) : c.dbName().equals(name)) {
                    return c;
                }
            }
            return null;
        }

        List<String> names() {
            return columns.stream().map(SourceColumn::dbName).toList();
        }
    }
}
