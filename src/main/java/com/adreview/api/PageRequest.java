package com.adreview.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A page of a newest-first list: at most {@code limit} items strictly after the cursor position
 * {@code (after, afterId)}. Cursors are opaque to clients and stable under concurrent inserts.
 */
public record PageRequest(int limit, Instant after, String afterId) {

    private static final Pattern POSITION = Pattern.compile("(-?\\d{1,19}):([0-9a-f]{24})");

    /** Reads {@code limit} and {@code cursor} query parameters; a bad value is a 400 naming it. */
    public static PageRequest of(String limit, String cursor, ApiConfig config) {
        int size = size(limit, config);
        if (cursor == null || cursor.isBlank()) {
            return new PageRequest(size, null, null);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            var m = POSITION.matcher(decoded);
            if (m.matches()) {
                return new PageRequest(size, Instant.ofEpochMilli(Long.parseLong(m.group(1))), m.group(2));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below: a cursor that does not decode was not one we issued
        }
        throw ProblemException.invalidField("cursor", "is not a cursor returned by this API");
    }

    /** A page size from its query parameter: absent is the default; anything but 1 to the maximum is a 400. */
    public static int size(String limit, ApiConfig config) {
        if (limit == null || limit.isBlank()) {
            return config.defaultPageSize();
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= config.maxPageSize()) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw ProblemException.invalidField("limit", "must be a whole number between 1 and " + config.maxPageSize());
    }

    /** The cursor that continues after an item at this position. */
    public static String cursorAfter(Instant at, String id) {
        String position = at.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.US_ASCII));
    }
}
