package com.exportservice.source;

import java.util.ArrayList;
import java.util.List;

/** SQL text with its positional parameters. User values only ever travel in {@code params}. */
public record SqlQuery(String sql, List<Object> params) {
    public SqlQuery {
        params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static SqlQuery of(String sql) {
        return new SqlQuery(sql, List.of());
    }
}
