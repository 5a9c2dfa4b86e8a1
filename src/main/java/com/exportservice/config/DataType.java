package com.exportservice.config;

import java.util.List;
import java.util.Optional;

/**
 * A declared data type: a table or a read-only query of the source database (contract section 3).
 *
 * @param name            the data type's name (key in the data types file)
 * @param table           the table, or null when {@code query} is given
 * @param query           a SELECT used as a subquery, or null when {@code table} is given
 * @param idColumn        unique, totally ordered column; batches are read by key ranges of it
 * @param timestampColumn the column start_date/end_date apply to, or null
 * @param fields          exported fields, in output order
 */
public record DataType(String name, String table, String query, String idColumn, String timestampColumn,
                       List<FieldDef> fields) {

    public DataType {
        fields = List.copyOf(fields);
    }

    /** The field with this output name, if declared. */
    public Optional<FieldDef> field(String outputName) {
        for (FieldDef f : fields) {
            if (f.name().equals(outputName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The field read from this source column, if declared. */
    public Optional<FieldDef> fieldByColumn(String column) {
        for (FieldDef f : fields) {
            if (f.column().equalsIgnoreCase(column)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Index in {@link #fields()} of the field read from the id column, or -1 when the id is not exported. */
    public int idFieldIndex() {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).column().equalsIgnoreCase(idColumn)) {
                return i;
            }
        }
        return -1;
    }
}
