package com.exportservice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DataTypesLoaderTest {
    static final String FILE = "config/data-types.yaml";

    @TempDir
    Path dir;

    // ---- the shipped file and loading ----

    @Test
    void should_parse_the_shipped_data_types_file() throws IOException {
        DataTypes types = DataTypesLoader.parse(Files.readString(Path.of(FILE)), FILE);

        assertThat(types.all()).extracting(DataType::name).containsExactly("logs", "events", "metrics");
        DataType logs = types.get("logs").orElseThrow();
        assertThat(logs.table()).isEqualTo("logs");
        assertThat(logs.query()).isNull();
        assertThat(logs.idColumn()).isEqualTo("id");
        assertThat(logs.timestampColumn()).isEqualTo("ts");
        assertThat(logs.fields()).extracting(FieldDef::name)
                .containsExactly("id", "timestamp", "level", "message", "source", "host", "trace_id", "metadata");
        FieldDef level = logs.field("level").orElseThrow();
        assertThat(level.type()).isEqualTo(FieldType.ENUM);
        assertThat(level.required()).isTrue();
        assertThat(level.values()).containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
        assertThat(level.aliases()).containsEntry("warning", "WARN").containsEntry("err", "ERROR");
        FieldDef ts = logs.field("timestamp").orElseThrow();
        assertThat(ts.column()).isEqualTo("ts");
        assertThat(ts.type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(logs.field("trace_id").orElseThrow().pattern().pattern()).isEqualTo("[0-9a-f]{32}");
        assertThat(logs.field("source").orElseThrow().required()).isFalse();
    }

    @Test
    void should_ship_the_same_file_on_the_classpath() throws IOException {
        DataTypes fromClasspath = DataTypesLoader.loadDefault();
        DataTypes fromFile = DataTypesLoader.parse(Files.readString(Path.of(FILE)), FILE);

        assertThat(fromClasspath.all()).extracting(DataType::name).containsExactlyElementsOf(
                fromFile.all().stream().map(DataType::name).toList());
    }

    @Test
    void should_fall_back_to_the_built_in_definitions_when_the_default_file_is_missing() {
        DataTypes types = DataTypesLoader.load(settings(Map.of()), dir);

        assertThat(types.all()).extracting(DataType::name).containsExactly("logs", "events", "metrics");
    }

    @Test
    void should_fall_back_when_the_key_names_the_default_file_explicitly_and_it_is_missing() {
        DataTypes types = DataTypesLoader.load(settings(Map.of("EXPORTER_DATA_TYPES_FILE", "config/data-types.yaml")), dir);

        assertThat(types.contains("logs")).isTrue();
    }

    @Test
    void should_fail_when_an_explicitly_named_file_is_missing() {
        Settings s = settings(Map.of("EXPORTER_DATA_TYPES_FILE", "custom/types.yaml"));

        assertThatThrownBy(() -> DataTypesLoader.load(s, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("custom/types.yaml: data types file not found")
                .hasMessageContaining(dir.resolve("custom/types.yaml").toString())
                .hasMessageContaining("environment variable EXPORTER_DATA_TYPES_FILE");
    }

    @Test
    void should_read_the_file_relative_to_the_working_directory() throws IOException {
        write("config/data-types.yaml", ONE_TYPE);

        DataTypes types = DataTypesLoader.load(settings(Map.of()), dir);

        assertThat(types.all()).extracting(DataType::name).containsExactly("things");
    }

    @Test
    void should_read_an_absolute_path_as_given() throws IOException {
        Path file = write("elsewhere/types.yaml", ONE_TYPE);

        DataTypes types = DataTypesLoader.load(settings(Map.of("EXPORTER_DATA_TYPES_FILE", file.toString())), Path.of("/nonexistent"));

        assertThat(types.contains("things")).isTrue();
    }

    @Test
    void should_name_the_configured_file_in_problems() throws IOException {
        write("my-types.yaml", ONE_TYPE.replace("integer", "integr"));

        assertThatThrownBy(() -> DataTypesLoader.load(settings(Map.of("EXPORTER_DATA_TYPES_FILE", "my-types.yaml")), dir))
                .hasMessageStartingWith("my-types.yaml: data type 'things': field 'id': unknown type 'integr'");
    }

    // ---- structure ----

    @Test
    void should_name_file_data_type_and_field_of_an_unknown_type() {
        assertThat(problems(ONE_TYPE.replace("{ type: string }", "{ type: enumm }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'label': unknown type 'enumm' "
                        + "(expected one of integer, number, string, text, enum, timestamp, boolean, json)");
    }

    @Test
    void should_report_every_problem_one_per_line() {
        String yaml = """
                data-types:
                  a:
                    tabel: x
                    id-column: id
                    fields: { id: { type: integr } }
                  b:
                    table: y
                    fields: { v: { type: enum } }
                """;

        assertThat(problems(yaml)).containsExactly(
                "config/data-types.yaml: data type 'a': unknown key 'tabel' (expected one of table, query, id-column, timestamp-column, fields)",
                "config/data-types.yaml: data type 'a': needs either 'table' or 'query'",
                "config/data-types.yaml: data type 'a': field 'id': unknown type 'integr' (expected one of integer, number, string, text, enum, timestamp, boolean, json)",
                "config/data-types.yaml: data type 'b': 'id-column' is required (a unique, totally ordered column)",
                "config/data-types.yaml: data type 'b': field 'v': 'values' is required for an enum field: the list of allowed values");
    }

    @Test
    void should_report_malformed_yaml_with_its_position() {
        assertThatThrownBy(() -> DataTypesLoader.parse("data-types:\n  a: [unclosed\n", FILE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/data-types.yaml: malformed YAML at line 3, column 1: expected ',' or ']', but got <stream end> "
                        + "(while parsing a flow sequence)");
    }

    @Test
    void should_reject_an_empty_file() {
        assertThat(problems("")).containsExactly("config/data-types.yaml: the file is empty; expected a top-level 'data-types:' map");
        assertThat(problems("# only a comment\n")).hasSize(1);
    }

    @Test
    void should_reject_a_document_without_a_data_types_map() {
        assertThat(problems("- a\n- b\n")).containsExactly("config/data-types.yaml: expected a top-level 'data-types:' map");
        assertThat(problems("datatypes:\n  a: {}\n")).containsExactly(
                "config/data-types.yaml: unknown key 'datatypes' (expected one of data-types)",
                "config/data-types.yaml: 'data-types' is required: a map of data type name to its definition");
        assertThat(problems("data-types: [a, b]\n")).containsExactly(
                "config/data-types.yaml: 'data-types' must be a map of data type name to its definition");
        assertThat(problems("data-types: {}\n")).containsExactly("config/data-types.yaml: 'data-types' declares no data type");
    }

    @Test
    void should_reject_data_type_names_that_cannot_be_file_names() {
        assertThat(problems(ONE_TYPE.replace("things:", "\"../etc\":"))).containsExactly(
                "config/data-types.yaml: data type '../etc': invalid name (1 to 64 characters A-Z a-z 0-9 _ -; it becomes a file name)");
        assertThat(problems(ONE_TYPE.replace("things:", "x".repeat(65) + ":"))).hasSize(1);
        assertThat(problems(ONE_TYPE.replace("things:", "my_Things-2:"))).isEmpty();
    }

    @Test
    void should_reject_a_data_type_that_is_not_a_map() {
        assertThat(problems("data-types:\n  a: logs\n")).containsExactly(
                "config/data-types.yaml: data type 'a': expected a map with table or query, id-column and fields");
    }

    @Test
    void should_require_exactly_one_of_table_and_query() {
        assertThat(problems(ONE_TYPE.replace("table: things", "table: things\n    query: select 1"))).containsExactly(
                "config/data-types.yaml: data type 'things': has both 'table' and 'query'; give exactly one");
        assertThat(problems(ONE_TYPE.replace("table: things", "table: \"\""))).containsExactly(
                "config/data-types.yaml: data type 'things': 'table' must be a non-empty text");
    }

    @Test
    void should_reject_a_schema_qualified_table() {
        assertThat(problems(ONE_TYPE.replace("table: things", "table: public.things"))).containsExactly(
                "config/data-types.yaml: data type 'things': table 'public.things': schema-qualified names are not supported; "
                        + "name the schema in the JDBC URL instead");
    }

    @Test
    void should_accept_a_query_and_drop_its_trailing_semicolon() {
        DataTypes types = DataTypesLoader.parse(ONE_TYPE.replace("table: things", "query: \"select * from things ; \""), FILE);

        DataType t = types.get("things").orElseThrow();
        assertThat(t.table()).isNull();
        assertThat(t.query()).isEqualTo("select * from things");
    }

    @Test
    void should_require_fields() {
        assertThat(problems("data-types:\n  a: { table: a, id-column: id }\n")).containsExactly(
                "config/data-types.yaml: data type 'a': 'fields' is required: a map of column to { type: ... }");
        assertThat(problems("data-types:\n  a: { table: a, id-column: id, fields: {} }\n")).containsExactly(
                "config/data-types.yaml: data type 'a': 'fields' declares no field");
        assertThat(problems("data-types:\n  a: { table: a, id-column: id, fields: [id] }\n")).containsExactly(
                "config/data-types.yaml: data type 'a': 'fields' must be a map of column to { type: ... }");
    }

    @Test
    void should_reject_a_field_that_is_not_a_map() {
        assertThat(problems(ONE_TYPE.replace("{ type: string }", "string"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'label': expected a map like { type: string }");
    }

    @Test
    void should_reject_unknown_keys_in_a_field() {
        assertThat(problems(ONE_TYPE.replace("{ type: string }", "{ type: string, requird: true }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'label': unknown key 'requird' "
                        + "(expected one of type, name, required, values, aliases, pattern)");
    }

    @Test
    void should_require_a_type() {
        assertThat(problems(ONE_TYPE.replace("{ type: string }", "{ name: x }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'label': 'type' is required "
                        + "(one of integer, number, string, text, enum, timestamp, boolean, json)");
    }

    @Test
    void should_require_a_boolean_for_required() {
        assertThat(problems(ONE_TYPE.replace("{ type: string }", "{ type: string, required: \"yes\" }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'label': 'required' must be true or false, got 'yes'");
    }

    @Test
    void should_reject_a_key_given_twice() {
        assertThatThrownBy(() -> DataTypesLoader.parse(ONE_TYPE + "      label: { type: text }\n", FILE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/data-types.yaml: malformed YAML")
                .hasMessageContaining("Duplicate field 'label'");
    }

    @Test
    void should_reject_two_spellings_of_one_column() {
        assertThat(problems(ONE_TYPE + "      LABEL: { type: string, name: label2 }\n")).containsExactly(
                "config/data-types.yaml: data type 'things': field 'LABEL': the column is already declared as 'label' (columns are compared ignoring case)");
    }

    // ---- enums ----

    @Test
    void should_check_enum_values() {
        assertThat(problems(withField("{ type: enum, values: [] }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': 'values' is empty; an enum needs at least one value");
        assertThat(problems(withField("{ type: enum, values: A }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': 'values' must be a list, like [A, B]");
        assertThat(problems(withField("{ type: enum, values: [A, B, A] }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': value 'A' is listed twice");
        assertThat(problems(withField("{ type: enum, values: [A, [B]] }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': 'values' may hold only non-empty plain values, got [\"B\"]");
        assertThat(problems(withField("{ type: enum, values: [A, pending] }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': value 'pending' must be written in upper case ('PENDING'): "
                        + "values are upper-cased before they are compared");
    }

    @Test
    void should_allow_values_and_aliases_only_for_enums() {
        assertThat(problems(withField("{ type: string, values: [A] }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': 'values' applies to enum fields only, not to string");
        assertThat(problems(withField("{ type: integer, aliases: { a: A } }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': 'aliases' applies to enum fields only, not to integer");
    }

    @Test
    void should_store_aliases_in_lower_case() {
        DataTypes types = DataTypesLoader.parse(withField("{ type: enum, values: [WARN, ERROR], aliases: { Warning: WARN, ERR: ERROR } }"), FILE);

        assertThat(types.get("things").orElseThrow().field("f").orElseThrow().aliases())
                .isEqualTo(Map.of("warning", "WARN", "err", "ERROR"));
    }

    @Test
    void should_check_aliases() {
        assertThat(problems(withField("{ type: enum, values: [WARN], aliases: { warning: WARNN } }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': alias 'warning' maps to 'WARNN', which is not one of the values [WARN]");
        assertThat(problems(withField("{ type: enum, values: [WARN], aliases: { warning: WARN, WARNING: WARN } }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': alias 'WARNING' is listed twice (aliases are matched ignoring case)");
        assertThat(problems(withField("{ type: enum, values: [WARN, ERROR], aliases: { warn: ERROR } }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': alias 'warn' is a spelling of the value 'WARN' itself "
                        + "(values are matched ignoring case)");
        assertThat(problems(withField("{ type: enum, values: [WARN], aliases: [warning] }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': 'aliases' must be a map of alias to one of the values, like { warning: WARN }");
    }

    // ---- patterns ----

    @Test
    void should_compile_patterns_of_string_and_text_fields() {
        DataTypes types = DataTypesLoader.parse(withField("{ type: text, pattern: \"[a-z]+\" }"), FILE);

        assertThat(types.get("things").orElseThrow().field("f").orElseThrow().pattern().matcher("abc").matches()).isTrue();
    }

    @Test
    void should_reject_bad_patterns() {
        assertThat(problems(withField("{ type: string, pattern: \"[a-z\" }"))).singleElement().asString()
                .startsWith("config/data-types.yaml: data type 'things': field 'f': 'pattern' is not a valid regular expression: Unclosed character class");
        assertThat(problems(withField("{ type: integer, pattern: \"[0-9]+\" }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': 'pattern' applies to string and text fields only, not to integer");
        assertThat(problems(withField("{ type: string, pattern: 12 }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': 'pattern' must be a regular expression in quotes, got 12");
    }

    // ---- output names ----

    @Test
    void should_rename_with_name() {
        DataTypes types = DataTypesLoader.parse(withField("{ type: timestamp, name: timestamp }"), FILE);

        FieldDef f = types.get("things").orElseThrow().field("timestamp").orElseThrow();
        assertThat(f.column()).isEqualTo("f");
    }

    @Test
    void should_require_distinct_output_names() {
        assertThat(problems(withField("{ type: string, name: label }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': output name 'label' is already used by field 'label'");
    }

    @Test
    void should_reserve_context_and_keep_metadata_for_json() {
        assertThat(problems(withField("{ type: string, name: context }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': output name 'context' is reserved "
                        + "(records carry their context under it); rename it with 'name:'");
        assertThat(problems(withField("{ type: text, name: metadata }"))).containsExactly(
                "config/data-types.yaml: data type 'things': field 'f': output name 'metadata' is reserved for a json field "
                        + "(records carry their metadata under it); rename it with 'name:'");
        assertThat(problems(withField("{ type: json, name: metadata }"))).isEmpty();
    }

    static final String ONE_TYPE = """
            data-types:
              things:
                table: things
                id-column: id
                timestamp-column: created
                fields:
                  id: { type: integer }
                  label: { type: string }
            """;

    private static String withField(String definition) {
        return ONE_TYPE + "      f: " + definition + "\n";
    }

    private static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DataTypesLoader.parse(yaml, FILE));
        return e == null ? List.of() : List.of(e.getMessage().split("\n"));
    }

    private Settings settings(Map<String, String> env) {
        return Settings.load(dir, env, new Properties(), Map.of());
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
