package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OperatingHistoryTest {

    private static long months(String since, String asOf) {
        return OperatingHistory.fullMonths(LocalDate.parse(since), LocalDate.parse(asOf));
    }

    @Test
    void aMonthIsFullOnlyOnTheSameDayOfTheNextMonth() {
        assertThat(months("2024-11-22", "2026-11-22")).isEqualTo(24);
        assertThat(months("2024-11-23", "2026-11-22")).isEqualTo(23);
        assertThat(months("2026-11-22", "2026-11-22")).isZero();
        assertThat(months("2026-10-22", "2026-11-21")).isZero();
        assertThat(months("2026-10-22", "2026-11-22")).isEqualTo(1);
    }

    @Test
    void monthEndsAreCountedByTheCalendar() {
        assertThat(months("2024-01-31", "2024-02-29")).isZero();
        assertThat(months("2024-01-31", "2024-03-01")).isEqualTo(1);
        assertThat(months("2023-02-28", "2024-02-28")).isEqualTo(12);
        assertThat(months("2024-02-29", "2025-02-28")).isEqualTo(11);
        assertThat(months("2024-02-29", "2025-03-01")).isEqualTo(12);
    }

    @Test
    void aFutureStartIsZeroNotNegative() {
        assertThat(months("2027-01-01", "2026-11-22")).isZero();
    }

    @Test
    void unreadableDatesCountAsZero() {
        assertThat(OperatingHistory.fullMonths("2016-13-01", "2026-11-22")).isZero();
        assertThat(OperatingHistory.fullMonths(null, "2026-11-22")).isZero();
        assertThat(OperatingHistory.fullMonths("2016-04-01", "2026-11-22")).isEqualTo(127);
        // Each separator and digit is checked, not only the length (issue 21's surviving mutants).
        assertThat(OperatingHistory.fullMonths("2016-04/01", "2026-11-22")).isZero();
        assertThat(OperatingHistory.fullMonths("2016/04-01", "2026-11-22")).isZero();
        assertThat(OperatingHistory.fullMonths("2016-0a-01", "2026-11-22")).isZero();
        assertThat(OperatingHistory.fullMonths("2016-02-30", "2026-11-22")).isZero();
        assertThat(OperatingHistory.fullMonths("2016-04-01", "2026-11-2x")).isZero();
        assertThat(OperatingHistory.fullMonths("2O16-04-01", "2026-11-22")).isZero();
    }

    @Test
    void everyDigitReadsAsItself() {
        assertThat(OperatingHistory.fullMonths("2019-09-19", "2029-09-19")).isEqualTo(120);
        assertThat(OperatingHistory.fullMonths("0000-01-01", "0001-01-01")).isEqualTo(12);
    }
}
