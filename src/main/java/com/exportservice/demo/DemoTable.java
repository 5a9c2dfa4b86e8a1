package com.exportservice.demo;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** One demo table: its columns and how to fill row {@code id}. */
interface DemoTable {

    /** A column; {@code type} is standard SQL, translated per dialect by {@link DemoData}. */
    record Column(String name, String type) {
    }

    String name();

    List<Column> columns();

    String timestampColumn();

    /** Binds the values of row {@code id} to an INSERT of {@link #columns()} in order. */
    void bind(PreparedStatement ps, long id, DemoTimeline time) throws SQLException;
}
