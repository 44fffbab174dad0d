package com.adreview.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the console shows times and ages; templates reach it as {@code inject:fmt}. */
@ApplicationScoped
@Named("fmt")
public class ConsoleFormat {

    /** An instant as the API and stored details write it (ISO-8601, UTC). */
    private static final Pattern ISO_INSTANT =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?Z");

    private final DateTimeFormatter format;
    private final ZoneId zone;

    public ConsoleFormat(ReviewConfig config) {
        this.zone = config.consoleZone();
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    /** The one zone every time of the console is shown in. */
    public String zoneName() {
        return zone.getId();
    }

    /** A time in the console's zone, to the minute. */
    public String time(Instant at) {
        return at == null ? "" : format.format(at);
    }

    /** A text with every ISO-8601 UTC instant in it (a case event's "lease until …") in the console's format. */
    public String times(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = ISO_INSTANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String local;
            try {
                local = time(Instant.parse(m.group()));
            } catch (DateTimeParseException e) {
                local = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(local));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Money as reviewers write it: the currency, then the amount with thousands separators ("CNY 30,000"). */
    public String money(BigDecimal amount, String currency) {
        return moneyOf(amount, currency);
    }

    static String moneyOf(BigDecimal amount, String currency) {
        return com.adreview.engine.MoneyText.of(currency, amount);
    }

    /** An age for a person: "3d 4h", "2h 5m", "45s". */
    public String age(long seconds) {
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        if (d > 0) {
            return d + "d " + h + "h";
        }
        if (h > 0) {
            return h + "h " + m + "m";
        }
        return m > 0 ? m + "m" : seconds + "s";
    }
}
