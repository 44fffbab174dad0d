package com.adreview.store;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts per UTC day, dimension and value, added up from stored records in memory: what a backfill of day
 * counts sets ({@link DailyCountStore#setBackfilled}).
 */
public final class DayTally {

    private final Map<DailyCountStore.Key, Long> counts = new HashMap<>();

    /** One page of a walk over a collection in id order: where it ended, what it read, what it counted. */
    public record Page(String lastId, int read, long counted, DayTally tally) {}

    public void add(String day, String dim, String value, long n) {
        if (day != null && value != null && n != 0) {
            counts.merge(new DailyCountStore.Key(day, dim, value), n, Long::sum);
        }
    }

    public void addAll(DayTally other) {
        other.counts.forEach((k, n) -> counts.merge(k, n, Long::sum));
    }

    public Map<DailyCountStore.Key, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }
}
