package com.exportservice.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A parser's complaint as one line a person can act on. */
class ParseErrorTest {

    @Test
    void should_name_the_opening_brackets_place_without_the_parsers_source_description() {
        JacksonException e = catchThrowableOfType(JacksonException.class,
                () -> new ObjectMapper().readTree("{\"data_types\": [\"logs\""));

        String message = ParseError.of(e).describe();

        assertThat(message).contains("expected close marker for Array (start marker at line 1, column 16)")
                .doesNotContain("Source", "StreamReadFeature", "REDACTED", "\n");
    }
}
