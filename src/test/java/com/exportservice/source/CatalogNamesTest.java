package com.exportservice.source;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.config.FieldType;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Definitions rewritten with the names as the database spells them; everything else kept. */
class CatalogNamesTest {

    @Test
    void should_use_the_catalogs_spelling_of_table_and_columns_and_keep_output_names() {
        DataType declared = new DataType("logs", "logs", null, "id", "ts", List.of(
                FieldDef.of("id", FieldType.INTEGER),
                new FieldDef("ts", "timestamp", FieldType.TIMESTAMP, true, List.of(), Map.of(), null)));
        SourceSchema schema = new SourceSchema(Map.of("logs", new SourceTable("logs", "LOGS", Map.of(
                "id", new SourceColumn("id", "ID", Types.BIGINT, "BIGINT"),
                "ts", new SourceColumn("ts", "TS", Types.TIMESTAMP, "TIMESTAMP")))));

        DataType resolved = CatalogNames.resolve(new DataTypes(List.of(declared)), schema).get("logs").orElseThrow();

        assertThat(resolved.table()).isEqualTo("LOGS");
        assertThat(resolved.idColumn()).isEqualTo("ID");
        assertThat(resolved.timestampColumn()).isEqualTo("TS");
        assertThat(resolved.fields()).extracting(FieldDef::column).containsExactly("ID", "TS");
        assertThat(resolved.fields()).extracting(FieldDef::name).containsExactly("id", "timestamp");
        assertThat(resolved.fields().get(1).required()).isTrue();
    }

    @Test
    void should_keep_the_query_of_a_query_data_type() {
        DataType declared = new DataType("q", null, "select a from t", "a", null, List.of(FieldDef.of("a", FieldType.STRING)));
        SourceSchema schema = new SourceSchema(Map.of("q", new SourceTable("q", null, Map.of(
                "a", new SourceColumn("a", "A", Types.VARCHAR, "VARCHAR")))));

        DataType resolved = CatalogNames.resolve(new DataTypes(List.of(declared)), schema).get("q").orElseThrow();

        assertThat(resolved.table()).isNull();
        assertThat(resolved.query()).isEqualTo("select a from t");
        assertThat(resolved.idColumn()).isEqualTo("A");
    }
}
