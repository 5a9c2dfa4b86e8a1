package com.exportservice.output;

import com.exportservice.config.DataType;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import com.exportservice.record.RecordContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is constant for every record of one file: which fields are written, under which names,
 * which of them are {@code json} fields. Computed once per writer so the per-record loop only
 * indexes arrays.
 */
final class RecordLayout {
    static final String METADATA = "metadata";
    static final String CONTEXT = "context";

    final RecordContext context;
    /** Index into {@code ExportRecord.values()} of each written field. */
    final int[] valueIndexes;
    final String[] names;
    final boolean[] jsonTyped;

    private RecordLayout(RecordContext context, int[] valueIndexes, String[] names, boolean[] jsonTyped) {
        this.context = context;
        this.valueIndexes = valueIndexes;
        this.names = names;
        this.jsonTyped = jsonTyped;
    }

    static RecordLayout of(DataType type, RecordContext context) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(context, "context");
        List<FieldDef> fields = type.fields();
        List<Integer> indexes = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).name();
            if (context.includeMetadata()) {
                // the transformer folds a field named 'metadata' into the metadata object
                if (METADATA.equals(name)) {
                    continue;
                }
                if (CONTEXT.equals(name)) {
                    throw new IllegalArgumentException("data type '" + type.name()
                            + "': a field named 'context' clashes with the record context of include_metadata");
                }
            }
            indexes.add(i);
        }
        int n = indexes.size();
        int[] valueIndexes = new int[n];
        String[] names = new String[n];
        boolean[] jsonTyped = new boolean[n];
        for (int k = 0; k < n; k++) {
            FieldDef f = fields.get(indexes.get(k));
            valueIndexes[k] = indexes.get(k);
            names[k] = f.name();
            jsonTyped[k] = f.type() == FieldType.JSON;
        }
        return new RecordLayout(context, valueIndexes, names, jsonTyped);
    }

    int size() {
        return valueIndexes.length;
    }

    boolean includeMetadata() {
        return context.includeMetadata();
    }
}
