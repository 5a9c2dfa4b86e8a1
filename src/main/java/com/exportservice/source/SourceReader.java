package com.exportservice.source;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.record.ExportRecord;
import com.exportservice.request.ExportConfig;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a data type from the source database: planning (high-water mark and count) and batches by key
 * range ({@code key > after AND key <= hwm ORDER BY key LIMIT n}; never OFFSET, never the whole result).
 * All SQL of the source lives here; user values are always bound as parameters.
 */
public final class SourceReader {
    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final SourceSchema schema;
    private final ZoneId sourceZone;
    /** The time each query of an export may take ({@code exporter.source.query-timeout}). */
    private final QueryGuard exportQueries;

    public SourceReader(DataSource dataSource, SqlDialect dialect, SourceSchema schema, ZoneId sourceZone, QueryGuard exportQueries) {
        this.exportQueries = exportQueries;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.schema = schema;
        this.sourceZone = sourceZone;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Takes the high-water mark of the whole source, then counts the matching rows at or below it. */
    public DataTypePlan plan(DataType type, ExportConfig config) throws SQLException {
        return plan(type, config, null, exportQueries);
    }

    /**
     * Plans an export of the rows after {@code afterKey} (incremental; null: all): the high-water mark of
     * the whole source, and the count of matching rows in {@code (afterKey, hwm]}.
     */
    public DataTypePlan plan(DataType type, ExportConfig config, Object afterKey) throws SQLException {
        return plan(type, config, afterKey, exportQueries);
    }

    /** As {@link #plan(DataType, ExportConfig)}, its queries bounded and cancelled by {@code guard} (previews). */
    public DataTypePlan plan(DataType type, ExportConfig config, QueryGuard guard) throws SQLException {
        return plan(type, config, null, guard);
    }

    private DataTypePlan plan(DataType type, ExportConfig config, Object afterKey, QueryGuard guard) throws SQLException {
        String key = dialect.quote(type.idColumn());
        SqlQuery where = condition(type, config);
        try (Connection c = dataSource.getConnection()) {
            Object hwm;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(" + key + ") FROM " + from(type))) {
                hwm = guarded(guard, ps, () -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return keyReader(type).read(rs, 1);
                    }
                });
            }
            long count = 0;
            if (hwm != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + from(type) + " WHERE ("
                        + where.sql() + ") AND " + key + " <= ?" + (afterKey == null ? "" : " AND " + key + " > ?"))) {
                    int i = bind(ps, 1, where.params());
                    ps.setObject(i++, hwm);
                    if (afterKey != null) {
                        ps.setObject(i, afterKey);
                    }
                    count = guarded(guard, ps, () -> {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    });
                }
            }
            endRead(c);
            return new DataTypePlan(type.name(), count, hwm);
        }
    }

    /**
     * The keys that end each partition but the last when the matching rows in {@code (afterKey, hwm]} are split
     * into {@code parts} of about equal rows ({@link KeySplit}): one indexed, bound query per key
     * ({@code ORDER BY key LIMIT 1 OFFSET n}, with the export's own filters), planning only.
     */
    public List<Object> splitKeys(DataType type, ExportConfig config, Object afterKey, Object hwm, long rows, int parts)
            throws SQLException {
        String key = dialect.quote(type.idColumn());
        SqlQuery where = condition(type, config);
        List<Object> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + key + " FROM " + from(type) + " WHERE (" + where.sql() + ") AND "
                     + key + " <= ?" + (afterKey == null ? "" : " AND " + key + " > ?") + " ORDER BY " + key + " LIMIT 1 OFFSET ?")) {
            for (long offset : KeySplit.lastRowOffsets(rows, parts)) {
                int i = bind(ps, 1, where.params());
                ps.setObject(i++, hwm);
                if (afterKey != null) {
                    ps.setObject(i++, afterKey);
                }
                ps.setLong(i, offset);
                keys.add(guarded(exportQueries, ps, () -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? keyReader(type).read(rs, 1) : null;
                    }
                }));
            }
            endRead(c);
        }
        return keys;
    }

    /** Builds the batch query of a data type for an export, once. */
    public BatchQuery prepare(DataType type, ExportConfig config, Object highWaterMark) {
        SqlQuery where = condition(type, config);
        List<FieldDef> fields = type.fields();
        int keyField = type.idFieldIndex();
        StringBuilder sql = new StringBuilder("SELECT ");
        ColumnReader[] readers = new ColumnReader[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            FieldDef f = fields.get(i);
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(f.column()));
            readers[i] = ColumnReader.forField(f.type(), schema.jdbcType(type.name(), f.column()),
                    schema.isZonedTimestamp(type.name(), f.column()));
        }
        int keyColumn = keyField >= 0 ? keyField + 1 : fields.size() + 1;
        if (keyField < 0) {
            sql.append(", ").append(dialect.quote(type.idColumn()));
        }
        String key = dialect.quote(type.idColumn());
        sql.append(" FROM ").append(from(type))
                .append(" WHERE (").append(where.sql()).append(") AND ").append(key).append(" <= ?");
        String order = " ORDER BY " + key + " LIMIT ?";
        String first = sql + order;
        String next = sql + " AND " + key + " > ?" + order;
        return new BatchQuery(type, first, next, where.params(), readers, keyReader(type), keyColumn,
                config.batchSize(), highWaterMark);
    }

    /**
     * Reads the batch after {@code afterKey} (null: from the start). An empty source (no high-water mark)
     * gives an empty, complete batch without a query.
     */
    public Batch read(BatchQuery q, Object afterKey) throws SQLException {
        return read(q, afterKey, exportQueries);
    }

    private Batch read(BatchQuery q, Object afterKey, QueryGuard guard) throws SQLException {
        String dataType = q.type().name();
        if (q.highWaterMark() == null) {
            return new Batch(dataType, afterKey, null, List.of(), true);
        }
        String sql = afterKey == null ? q.firstSql() : q.nextSql();
        List<ExportRecord> records = new ArrayList<>(Math.min(q.batchSize(), 10_000));
        Object lastKey;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            // PostgreSQL streams only with auto-commit off and a fetch size; the others honour it too
            ps.setFetchSize(Math.min(q.batchSize(), 5_000));
            int i = bind(ps, 1, q.filterParams());
            ps.setObject(i++, q.highWaterMark());
            if (afterKey != null) {
                ps.setObject(i++, afterKey);
            }
            ps.setInt(i, q.batchSize());
            ColumnReader[] readers = q.readers();
            int n = readers.length;
            lastKey = guarded(guard, ps, () -> {
                Object last = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] values = new Object[n];
                        for (int col = 0; col < n; col++) {
                            values[col] = readers[col].read(rs, col + 1);
                        }
                        Object key = q.keyColumn() <= n ? values[q.keyColumn() - 1] : q.keyReader().read(rs, q.keyColumn());
                        records.add(new ExportRecord(values, key));
                        last = key;
                    }
                }
                return last;
            });
            endRead(c);
        }
        boolean complete = records.size() < q.batchSize() || q.highWaterMark().equals(lastKey);
        return new Batch(dataType, afterKey, lastKey, records, complete);
    }

    /** Up to {@code limit} matching records from the start of a planned data type, for previews. */
    public List<ExportRecord> sample(DataType type, ExportConfig config, DataTypePlan plan, int limit, QueryGuard guard)
            throws SQLException {
        return read(prepare(type, config, plan.highWaterMark()).withBatchSize(limit), null, guard).records();
    }

    /** One query run under a guard: its timeout set, cancellable while it runs, a timeout or cancel told as such. */
    private static <T> T guarded(QueryGuard guard, PreparedStatement ps, Query<T> query) throws SQLException {
        java.time.Instant started = guard.clock().instant();
        guard.starting(ps);
        try {
            return query.run();
        } catch (SQLException e) {
            throw guard.explain(e, started);
        } finally {
            guard.finished(ps);
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    /** Restores a key persisted as text (checkpoints, high-water marks) to the type the driver binds. */
    public Object parseKey(DataType type, String text) {
        if (text == null) {
            return null;
        }
        return ColumnReader.isInteger(schema.jdbcType(type.name(), type.idColumn())) ? Long.valueOf(text) : text;
    }

    private ColumnReader keyReader(DataType type) {
        return ColumnReader.forKey(schema.jdbcType(type.name(), type.idColumn()));
    }

    private SqlQuery condition(DataType type, ExportConfig config) {
        return FilterCompiler.compile(type, config, dialect, timestampBinder(type));
    }

    /** Binds an instant as the JDBC value right for the column: zoned, zone-less (source zone) or text. */
    private TimestampBinder timestampBinder(DataType type) {
        return (column, instant) -> {
            if (schema.isZonedTimestamp(type.name(), column)) {
                return instant.atOffset(ZoneOffset.UTC);
            }
            if (ColumnReader.isTextual(schema.jdbcType(type.name(), column))) {
                return com.exportservice.time.Timestamps.format(instant);
            }
            return LocalDateTime.ofInstant(instant, sourceZone);
        };
    }

    private String from(DataType type) {
        return type.table() != null ? dialect.quote(type.table()) : "(" + type.query() + ") src";
    }

    private static int bind(PreparedStatement ps, int first, List<Object> params) throws SQLException {
        int i = first;
        for (Object p : params) {
            ps.setObject(i++, p instanceof Instant in ? in.atOffset(ZoneOffset.UTC) : p);
        }
        return i;
    }

    /** Ends the read-only transaction the pool opened (auto-commit is off so PostgreSQL streams). */
    private static void endRead(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }
}
