package com.adreview.policy;

import com.adreview.engine.SurgePolicy;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code surges:} in {@code pack.yaml}, the thresholds of complaint-surge alerts, as strictly as
 * the rest of the pack: an unknown or missing key, a count that is not a whole number of at least one, a
 * probability outside (0, 1): each a problem with the file and line.
 */
final class SurgeSectionReader {

    private static final List<String> DAYS = List.of("recentDays", "baselineDays", "trendDays");
    private static final List<String> COUNTS =
            List.of("entityMinRecent", "risingMinRecent", "categoryMinEntitiesRising");
    private static final List<String> PROBABILITIES = List.of("maxTailProbability", "risingMaxTailProbability");
    private static final String RATE = "minBaselinePerDay";

    private SurgeSectionReader() {}

    /** The thresholds, or null when a problem was reported. */
    static SurgePolicy read(YamlMap m) {
        Set<String> known = new java.util.LinkedHashSet<>();
        known.addAll(DAYS);
        known.addAll(COUNTS);
        known.addAll(PROBABILITIES);
        known.add(RATE);
        m.allowOnly(known);
        java.util.Map<String, Number> values = new java.util.HashMap<>();
        boolean ok = true;
        for (String key : known) {
            if (!m.has(key)) {
                m.problem(m.line(), "missing required key '" + key + "' in 'surges'");
                ok = false;
                continue;
            }
            Object v = m.data(key);
            if (DAYS.contains(key) || COUNTS.contains(key)) {
                if (v instanceof Long n && n >= 1 && n <= (DAYS.contains(key) ? 3660 : 1_000_000)) {
                    values.put(key, n);
                } else {
                    m.problem(
                            m.lineOf(key),
                            "'" + key + "' must be a whole number of at least 1"
                                    + (DAYS.contains(key) ? " day and at most 3660" : ""));
                    ok = false;
                }
            } else if (PROBABILITIES.contains(key)) {
                if (v instanceof Double d && d > 0 && d < 1) {
                    values.put(key, d);
                } else {
                    m.problem(m.lineOf(key), "'" + key + "' must be a probability above 0 and below 1, e.g. 0.001");
                    ok = false;
                }
            } else if (v instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
                values.put(key, n);
            } else {
                m.problem(m.lineOf(key), "'" + key + "' must be a daily rate above 0, e.g. 0.0333 (one a month)");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        return new SurgePolicy(
                values.get("recentDays").intValue(),
                values.get("baselineDays").intValue(),
                values.get(RATE).doubleValue(),
                values.get("maxTailProbability").doubleValue(),
                values.get("entityMinRecent").intValue(),
                values.get("risingMinRecent").intValue(),
                values.get("risingMaxTailProbability").doubleValue(),
                values.get("categoryMinEntitiesRising").intValue(),
                values.get("trendDays").intValue());
    }
}
