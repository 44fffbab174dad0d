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
