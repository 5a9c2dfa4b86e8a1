package com.exportservice.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScalarValuesTest {

    @Test
    void should_accept_integral_numbers_of_any_java_type() {
        assertThat(ScalarValues.isInteger(42L)).isTrue();
        assertThat(ScalarValues.isInteger(42)).isTrue();
        assertThat(ScalarValues.isInteger(BigInteger.TEN.pow(30))).isTrue();
        assertThat(ScalarValues.isInteger(new BigDecimal("42"))).isTrue();
        assertThat(ScalarValues.isInteger(new BigDecimal("42.000"))).isTrue();
        assertThat(ScalarValues.isInteger(4.0d)).isTrue();
        assertThat(ScalarValues.isInteger(new BigDecimal("42.5"))).isFalse();
        assertThat(ScalarValues.isInteger(4.5d)).isFalse();
        assertThat(ScalarValues.isInteger(Double.NaN)).isFalse();
        assertThat(ScalarValues.isInteger(Boolean.TRUE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "-12", "+12", " 12 ", "000", "123456789012345678901234567890"})
    void should_accept_integer_text(String s) {
        assertThat(ScalarValues.isInteger(s)).isTrue();
        assertThat(ScalarValues.integerFromText(s)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a", "", " ", "-", "1.0", "1e3", "0x10", "١٢", "1 2"})
    void should_reject_non_integer_text(String s) {
        assertThat(ScalarValues.isInteger(s)).isFalse();
        assertThat(ScalarValues.integerFromText(s)).isNull();
    }

    @Test
    void should_convert_integer_text_to_long_or_big_decimal() {
        assertThat(ScalarValues.integerFromText(" +12 ")).isEqualTo(12L);
        assertThat(ScalarValues.integerFromText("-9007199254740993")).isEqualTo(-9007199254740993L);
        assertThat(ScalarValues.integerFromText("123456789012345678901234567890"))
                .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1.5", "+.5", "5.", "1e10", "1.5E-3", " 3.14 "})
    void should_accept_number_text(String s) {
        assertThat(ScalarValues.isNumber(s)).isTrue();
        assertThat(ScalarValues.numberFromText(s)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "e5", "1e", "1e+", "NaN", "Infinity", "1,5", "1.2.3", "1e9999999999"})
    void should_reject_non_number_text(String s) {
        assertThat(ScalarValues.isNumber(s)).isFalse();
        assertThat(ScalarValues.numberFromText(s)).isNull();
    }

    @Test
    void should_accept_finite_numbers_only() {
        assertThat(ScalarValues.isNumber(1.5d)).isTrue();
        assertThat(ScalarValues.isNumber(new BigDecimal("1.10"))).isTrue();
        assertThat(ScalarValues.isNumber(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(ScalarValues.isNumber(Float.NaN)).isFalse();
        assertThat(ScalarValues.numberFromText("1.10")).isEqualTo(new BigDecimal("1.10"));
    }

    @Test
    void should_read_booleans_from_booleans_numbers_and_text() {
        assertThat(ScalarValues.booleanValue(Boolean.FALSE)).isFalse();
        assertThat(ScalarValues.booleanValue(1)).isTrue();
        assertThat(ScalarValues.booleanValue(0L)).isFalse();
        assertThat(ScalarValues.booleanValue(new BigDecimal("1.0"))).isTrue();
        assertThat(ScalarValues.booleanValue(2)).isNull();
        for (String t : new String[] {"true", "TRUE", " t ", "Yes", "y", "1"}) {
            assertThat(ScalarValues.booleanValue(t)).as(t).isTrue();
        }
        for (String f : new String[] {"false", "F", "no", "N", "0"}) {
            assertThat(ScalarValues.booleanValue(f)).as(f).isFalse();
        }
        assertThat(ScalarValues.booleanValue("maybe")).isNull();
        assertThat(ScalarValues.booleanValue("")).isNull();
    }
}
