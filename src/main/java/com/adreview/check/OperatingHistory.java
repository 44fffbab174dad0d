package com.adreview.check;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;

/** How long a business has been operating, in full calendar months. */
public final class OperatingHistory {

    private OperatingHistory() {}

    /**
     * Full months from {@code since} to {@code asOf}: 2024-01-31 to 2024-02-29 is 0, to 2024-03-01 is
     * 1. A start in the future counts as 0 months, never negative.
     */
    public static long fullMonths(LocalDate since, LocalDate asOf) {
        if (since.isAfter(asOf)) {
            return 0;
        }
        return Period.between(since, asOf).toTotalMonths();
    }

    /** As {@link #fullMonths(LocalDate, LocalDate)} for ISO dates; an unreadable date counts as 0. */
    public static long fullMonths(String since, String asOf) {
        try {
            return fullMonths(LocalDate.parse(since), LocalDate.parse(asOf));
        } catch (DateTimeParseException | NullPointerException e) {
            return 0;
        }
    }
}
