package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTextTest {

    @Test
    void currencyFirstThousandsGroupedNoTrailingZeros() {
        assertThat(MoneyText.of("CNY", 30000.0)).isEqualTo("CNY 30,000");
        assertThat(MoneyText.of("CNY", new BigDecimal("40000000"))).isEqualTo("CNY 40,000,000");
        assertThat(MoneyText.of("USD", new BigDecimal("1234.5"))).isEqualTo("USD 1,234.5");
        assertThat(MoneyText.of("CNY", new BigDecimal("0.125"))).isEqualTo("CNY 0.12");
        assertThat(MoneyText.of(null, new BigDecimal("5000"))).isEqualTo("5,000");
    }

    @Test
    void theFormatterFreePathCoversZeroUpToBelowTenToTheFifteenth() {
        assertThat(MoneyText.grouped(BigDecimal.ZERO)).isEqualTo("0");
        assertThat(MoneyText.grouped(new BigDecimal("999999999999999.99"))).isEqualTo("999,999,999,999,999.99");
        assertThat(MoneyText.grouped(BigDecimal.TEN.pow(15))).isNull();
        assertThat(MoneyText.grouped(new BigDecimal("-0.01"))).isNull();
        assertThat(MoneyText.of(null, BigDecimal.TEN.pow(15))).isEqualTo("1,000,000,000,000,000");
    }

    @Test
    void countsAndNumbersReadAsWritten() {
        assertThat(PolicyFunctions.plural(1, "complaint", "complaints")).isEqualTo("1 complaint");
        assertThat(PolicyFunctions.plural(0, "complaint", "complaints")).isEqualTo("0 complaints");
        assertThat(PolicyFunctions.plural(429, "complaint", "complaints")).isEqualTo("429 complaints");
        assertThat(MoneyText.of(null, 24.0)).isEqualTo("24");
        assertThat(MoneyText.of(null, 24.5)).isEqualTo("24.5");
    }
}
