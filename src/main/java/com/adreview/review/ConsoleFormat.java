package com.adreview.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How the console shows times and ages; templates reach it as {@code inject:fmt}. */
@ApplicationScoped
@Named("fmt")
public class ConsoleFormat {

    private final DateTimeFormatter format;

    public ConsoleFormat(ReviewConfig config) {
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(config.consoleZone());
    }

    /** A time in the console's zone, to the minute. */
    public String time(Instant at) {
        return at == null ? "" : format.format(at);
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
