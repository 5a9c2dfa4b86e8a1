package com.exportservice.source;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the data type definitions with the table and column names as the source database spells
 * them (found by the schema check), so that quoted identifiers match whatever case the definitions
 * use: {@code logs} in the file is {@code LOGS} in H2 and {@code logs} in PostgreSQL.
 */
public final class CatalogNames {
    private CatalogNames() {
    }

    public static DataTypes resolve(DataTypes declared, SourceSchema schema) {
        List<DataType> out = new ArrayList<>();
        for (DataType t : declared.all()) {
            List<FieldDef> fields = new ArrayList<>();
            for (FieldDef f : t.fields()) {
                fields.add(new FieldDef(schema.dbColumnName(t.name(), f.column()), f.name(), f.type(), f.required(),
                        f.values(), f.aliases(), f.pattern()));
            }
            String table = t.table() == null ? null : schema.dbTableName(t.name());
            String ts = t.timestampColumn() == null ? null : schema.dbColumnName(t.name(), t.timestampColumn());
            out.add(new DataType(t.name(), table, t.query(), schema.dbColumnName(t.name(), t.idColumn()), ts, fields));
        }
        return new DataTypes(out);
    }
}
