package com.exportservice.demo;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** One demo table: its name, timestamp column and columns, and how to fill row {@code id}. */
abstract class DemoTable {

    /** A column; {@code type} is standard SQL, translated per dialect by {@link DemoData}. */
    record Column(String name, String type) {
    }

    private final String name;
    private final String timestampColumn;
    private final List<Column> columns;

    DemoTable(String name, String timestampColumn, List<Column> columns) {
        this.name = name;
        this.timestampColumn = timestampColumn;
        this.columns = List.copyOf(columns);
    }

    final String name() {
        return name;
    }

    final String timestampColumn() {
        return timestampColumn;
    }

    final List<Column> columns() {
        return columns;
    }

    /** Binds the values of row {@code id} to an INSERT of {@link #columns()} in order. */
    abstract void bind(PreparedStatement ps, long id, DemoTimeline time) throws SQLException;

    /**
     * Which of its three spellings an imperfection takes in row {@code id}: the rows with one imperfection
     * come every {@link DemoImperfection#CYCLE} ids and take the variants in turn.
     */
    static int variant(long id) {
        return (int) ((id / DemoImperfection.CYCLE) % 3);
    }
}
