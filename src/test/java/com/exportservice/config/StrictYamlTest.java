package com.exportservice.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** YAML read as one document without aliases or anchors (which Jackson would silently turn into strings). */
class StrictYamlTest {
    private final YAMLMapper yaml = new YAMLMapper();

    @Test
    void should_read_a_plain_document_as_jackson_does() throws Exception {
        assertThat(StrictYaml.read(yaml, "---\na: [1, 2]\nb: {c: text}\n...\n").toString()).isEqualTo("{\"a\":[1,2],\"b\":{\"c\":\"text\"}}");
    }

    @Test
    void should_refuse_an_alias_naming_it_and_its_place() {
        // what Jackson alone makes of it: {"a": "x", "b": "x"}: the alias becomes its name
        StrictYaml.Refused e = catchThrowableOfType(StrictYaml.Refused.class, () -> StrictYaml.read(yaml, "a: x\nb: *x\n"));

        assertThat(ParseError.of(e).describe()).isEqualTo("a YAML alias (*x): aliases and anchors are not accepted; write the value out "
                + "(line 2, column 4)");
    }

    @Test
    void should_refuse_an_anchor_even_when_no_alias_uses_it() {
        StrictYaml.Refused e = catchThrowableOfType(StrictYaml.Refused.class, () -> StrictYaml.read(yaml, "a: &big [1, 2]\n"));

        assertThat(e.getOriginalMessage()).startsWith("a YAML anchor (&big)");
    }

    @Test
    void should_refuse_a_billion_laughs_at_its_first_anchor_without_expanding_anything() {
        StringBuilder doc = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String prev = String.valueOf((char) (c - 1));
            doc.append(c).append(": &").append(c).append(" [*").append(prev).append(",*").append(prev).append(",*").append(prev)
                    .append(",*").append(prev).append(",*").append(prev).append(",*").append(prev).append(",*").append(prev)
                    .append(",*").append(prev).append(",*").append(prev).append("]\n");
        }

        assertThatThrownBy(() -> StrictYaml.read(yaml, doc.toString())).isInstanceOf(StrictYaml.Refused.class)
                .hasMessageStartingWith("a YAML anchor (&a)");
    }

    @Test
    void should_refuse_a_second_document_also_an_empty_one() {
        assertThatThrownBy(() -> StrictYaml.read(yaml, "a: 1\n---\nb: 2\n")).isInstanceOf(StrictYaml.Refused.class)
                .hasMessageStartingWith("a second YAML document");
        assertThatThrownBy(() -> StrictYaml.read(yaml, "a: 1\n---\n")).isInstanceOf(StrictYaml.Refused.class);
    }

    @Test
    void should_make_a_definition_file_with_an_alias_stop_start_up_with_its_place() {
        assertThatThrownBy(() -> ConfigFiles.parseYaml("data-types:\n  logs: &l {table: logs}\n  copy: *l\n", "config/data-types.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/data-types.yaml: a YAML anchor (&l): aliases and anchors are not accepted; write the value out "
                        + "(line 2, column 9)");
    }
}
