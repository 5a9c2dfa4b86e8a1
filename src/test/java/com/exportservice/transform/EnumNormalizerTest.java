package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.exportservice.config.DemoDataTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnumNormalizerTest {
    private final EnumNormalizer level = new EnumNormalizer(DemoDataTypes.levels(), DemoDataTypes.levelAliases());

    @Test
    void should_return_the_declared_instance_for_canonical_values() {
        assertThat(level.canonical("WARN")).isSameAs(level.values().get(3));
    }

    @Test
    void should_match_declared_values_ignoring_case_and_surrounding_blanks() {
        assertThat(level.canonical("warn")).isEqualTo("WARN");
        assertThat(level.canonical("Warn")).isEqualTo("WARN");
        assertThat(level.canonical("  error\t")).isEqualTo("ERROR");
        assertThat(level.canonical("\u001B[31mERROR\u001B[0m")).isEqualTo("ERROR");
    }

    @Test
    void should_map_declared_aliases_in_any_case() {
        assertThat(level.canonical("warning")).isEqualTo("WARN");
        assertThat(level.canonical("WARNING")).isEqualTo("WARN");
        assertThat(level.canonical("err")).isEqualTo("ERROR");
        assertThat(level.canonical("Critical")).isEqualTo("FATAL");
    }

    @Test
    void should_not_map_unknown_values_and_upper_case_them_on_output() {
        assertThat(level.canonical("verbose")).isNull(); // the field declares aliases: no defaults
        assertThat(level.normalize("  verbose ")).isEqualTo("VERBOSE");
        assertThat(level.normalize("w\u0000arn  x")).isEqualTo("WARN X");
        assertThat(level.normalize("w\u0000arn")).isEqualTo("WARN");
        assertThat(level.normalize(null)).isNull();
    }

    @Test
    void should_use_default_level_synonyms_when_no_aliases_are_declared() {
        EnumNormalizer n = new EnumNormalizer(DemoDataTypes.levels(), Map.of());
        assertThat(n.canonical("warning")).isEqualTo("WARN");
        assertThat(n.canonical("err")).isEqualTo("ERROR");
        assertThat(n.canonical("severe")).isEqualTo("ERROR");
        assertThat(n.canonical("crit")).isEqualTo("FATAL");
        assertThat(n.canonical("critical")).isEqualTo("FATAL");
        assertThat(n.canonical("information")).isEqualTo("INFO");
        assertThat(n.canonical("fine")).isEqualTo("DEBUG");
        assertThat(n.canonical("finest")).isEqualTo("TRACE");
    }

    @Test
    void should_map_default_synonyms_to_whichever_spelling_is_declared() {
        EnumNormalizer n = new EnumNormalizer(List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"), null);
        assertThat(n.canonical("warn")).isEqualTo("WARNING");
        assertThat(n.canonical("fatal")).isEqualTo("CRITICAL");
    }

    @Test
    void should_not_guess_when_a_synonym_group_is_ambiguous() {
        EnumNormalizer n = new EnumNormalizer(List.of("INFO", "ERROR", "FATAL", "CRITICAL"), null);
        assertThat(n.canonical("crit")).isNull();
        assertThat(n.canonical("critical")).isEqualTo("CRITICAL"); // a declared value matches itself
    }

    @Test
    void should_not_apply_level_synonyms_to_other_enums() {
        EnumNormalizer n = new EnumNormalizer(List.of("LOGIN", "LOGOUT", "ERROR"), null);
        assertThat(n.canonical("err")).isNull();
        assertThat(n.canonical("error")).isEqualTo("ERROR");
    }

    @Test
    void should_ignore_aliases_to_undeclared_values_and_prefer_declared_spellings() {
        EnumNormalizer n = new EnumNormalizer(List.of("A", "B"), Map.of("x", "C", "b", "A", "y", "B"));
        assertThat(n.canonical("x")).isNull();
        assertThat(n.canonical("b")).isEqualTo("B");
        assertThat(n.canonical("Y")).isEqualTo("B");
    }

    @Test
    void should_treat_case_collisions_between_declared_values_as_ambiguous() {
        EnumNormalizer n = new EnumNormalizer(List.of("on", "ON"), null);
        assertThat(n.canonical("on")).isEqualTo("on");
        assertThat(n.canonical("ON")).isEqualTo("ON");
        assertThat(n.canonical("On")).isNull();
    }

    @Test
    void should_accept_any_value_upper_cased_when_no_values_are_declared() {
        EnumNormalizer n = new EnumNormalizer(List.of(), null);
        assertThat(n.canonical(" kg ")).isEqualTo("KG");
        assertThat(n.canonical("  ")).isNull();
    }

    @Test
    void should_read_non_string_values_by_their_text() {
        EnumNormalizer n = new EnumNormalizer(List.of("1", "2"), null);
        assertThat(n.canonical(2L)).isEqualTo("2");
        assertThat(n.canonical(3)).isNull();
    }

    @Test
    void should_list_the_lower_case_spellings_of_a_value_for_filters() {
        assertThat(level.lowerCaseSpellings("WARN")).containsExactly("warn", "warning");
        assertThat(level.lowerCaseSpellings("FATAL")).containsExactly("crit", "critical", "fatal");
        assertThat(level.lowerCaseSpellings("NOPE")).isEmpty();
    }
}
