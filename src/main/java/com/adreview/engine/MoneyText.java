package com.adreview.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Money as reviewers and messages write it: the currency, then the amount grouped by thousands ("CNY 30,000"). */
public final class MoneyText {

    /** A DecimalFormat is costly to build (a messages' money was most of a decision's formatting) and not thread-safe. */
    private static final ThreadLocal<DecimalFormat> DIGITS = ThreadLocal.withInitial(() -> {
        DecimalFormat digits = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        digits.setRoundingMode(RoundingMode.HALF_EVEN);
        return digits;
    });

    private MoneyText() {}

    public static String of(String currency, BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        String number = grouped(amount);
        if (number == null) {
            number = DIGITS.get().format(amount);
        }
        return currency == null || currency.isBlank() ? number : currency + " " + number;
    }

    private static final BigDecimal GROUPED_LIMIT = BigDecimal.TEN.pow(15);

    /**
     * The amount as {@link #DIGITS} writes it ("#,##0.##", half-even), without the formatter: for an
     * amount from 0 to below 10^15, the common case of every message, written from its cents (a
     * formatter takes a few hundred ns); null for any other amount, which the formatter writes.
     */
    static String grouped(BigDecimal amount) {
        if (amount.signum() < 0 || amount.compareTo(GROUPED_LIMIT) >= 0) {
            return null;
        }
        long cents = amount.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        String whole = Long.toString(cents / 100);
        int fraction = (int) (cents % 100);
        StringBuilder out = new StringBuilder(whole.length() + 8);
        int lead = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
        out.append(whole, 0, lead);
        for (int i = lead; i < whole.length(); i += 3) {
            out.append(',').append(whole, i, i + 3);
        }
        if (fraction != 0) {
            out.append('.').append((char) ('0' + fraction / 10));
            if (fraction % 10 != 0) {
                out.append((char) ('0' + fraction % 10));
            }
        }
        return out.toString();
    }

    public static String of(String currency, double amount) {
        return of(currency, BigDecimal.valueOf(amount));
    }
}
