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
        String number = DIGITS.get().format(amount);
        return currency == null || currency.isBlank() ? number : currency + " " + number;
    }

    public static String of(String currency, double amount) {
        return of(currency, BigDecimal.valueOf(amount));
    }
}
