package com.adreview.check;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;

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
        LocalDate from = isoDate(since);
        LocalDate to = isoDate(asOf);
        return from == null || to == null ? 0 : fullMonths(from, to);
    }

    /**
     * Reads {@code YYYY-MM-DD}, or null. Rules call this on every decision, and a hand-rolled read is an
     * order of magnitude cheaper than a {@code DateTimeFormatter}.
     */
    static LocalDate isoDate(String s) {
        if (s == null || s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
