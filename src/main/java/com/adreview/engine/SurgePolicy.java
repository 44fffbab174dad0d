package com.adreview.engine;

/**
 * When complaint volume is a surge ({@code surges:} in {@code pack.yaml}): the last {@code recentDays}
 * days are compared with the daily rate of the {@code baselineDays} days before them.
 *
 * @param recentDays the window that may surge (e.g. 7)
 * @param baselineDays the trailing window its own normal rate is taken from (e.g. 90)
 * @param minBaselinePerDay the least daily rate assumed, so a subject with no history is not alarming at
 *     its second complaint (e.g. 1/30: one complaint a month)
 * @param maxTailProbability a recent count is a surge when a Poisson count at the baseline rate reaches
 *     it at most this often (e.g. 0.001)
 * @param entityMinRecent an entity surges only with at least this many recent complaints
 * @param risingMinRecent an entity counts as rising (for a category-wide surge) with at least this many
 * @param risingMaxTailProbability … and a tail probability at most this
 * @param categoryMinEntitiesRising a category surges when at least this many of its entities rise at once
 *     and its own total is a surge
 * @param trendDays how many daily counts an alert shows
 */
public record SurgePolicy(
        int recentDays,
        int baselineDays,
        double minBaselinePerDay,
        double maxTailProbability,
        int entityMinRecent,
        int risingMinRecent,
        double risingMaxTailProbability,
        int categoryMinEntitiesRising,
        int trendDays) {

    public SurgePolicy {
        if (recentDays < 1 || baselineDays < 1 || trendDays < 1) {
            throw new IllegalArgumentException("windows must be at least one day");
        }
        if (!(minBaselinePerDay > 0)) {
            throw new IllegalArgumentException("minBaselinePerDay must be above 0");
        }
        if (!(maxTailProbability > 0 && maxTailProbability < 1)
                || !(risingMaxTailProbability > 0 && risingMaxTailProbability < 1)) {
            throw new IllegalArgumentException("tail probabilities must be above 0 and below 1");
        }
        if (entityMinRecent < 1 || risingMinRecent < 1 || categoryMinEntitiesRising < 1) {
            throw new IllegalArgumentException("minimum counts must be at least 1");
        }
    }

    /** The shipped thresholds, for a pack that sets none. */
    public static SurgePolicy defaults() {
        return new SurgePolicy(7, 90, 1.0 / 30, 0.001, 10, 2, 0.05, 5, 28);
    }

    /** How many days of daily counts a check needs: the baseline and the recent window (and the trend). */
    public int historyDays() {
        return Math.max(baselineDays + recentDays, trendDays);
    }
}
