package com.adreview.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Money as reviewers and messages write it: the currency, then the amount grouped by thousands ("CNY 30,000"). */
public final class MoneyText {

    private MoneyText() {}

    public static String of(String currency, BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        DecimalFormat digits = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        digits.setRoundingMode(RoundingMode.HALF_EVEN);
        String number = digits.format(amount);
        return currency == null || currency.isBlank() ? number : currency + " " + number;
    }

    public static String of(String currency, double amount) {
        return of(currency, BigDecimal.valueOf(amount));
    }
}
