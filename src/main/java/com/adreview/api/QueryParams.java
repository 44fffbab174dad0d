package com.adreview.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads typed query parameters; a value that does not parse is a 400 naming the parameter. */
public final class QueryParams {

    private QueryParams() {}

    /** The enum constant named by the value; null when absent. */
    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            String allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ProblemException.invalidField(name, "must be one of " + allowed);
        }
    }

    /** The first and last instants the service takes: the years 1 to 9999, which every store and client can hold. */
    public static final java.time.Instant EARLIEST = java.time.Instant.parse("0001-01-01T00:00:00Z");

    public static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59.999Z");

    /** Whether the instant is within the years 1 to 9999. */
    public static boolean inRange(java.time.Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** An ISO-8601 instant within the years 1 to 9999; null when absent; a 400 naming the parameter otherwise. */
    public static java.time.Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            java.time.Instant instant =
                    java.time.OffsetDateTime.parse(value.strip()).toInstant();
            if (inRange(instant)) {
                return instant;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw ProblemException.invalidField(
                name, "must be an ISO-8601 instant between the years 1 and 9999, e.g. 2026-12-01T00:00:00Z");
    }

    /** true or false; null when absent. */
    public static Boolean booleanValue(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalidField(name, "must be true or false");
        };
    }

    /** A required header naming who acts; a 400 naming the header when it is missing or unusable. */
    public static String actor(String header, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(header, "required: who is acting");
        }
        String actor = value.strip();
        if (actor.length() > 100 || actor.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidField(header, "must be at most 100 printable characters");
        }
        return actor;
    }
}
