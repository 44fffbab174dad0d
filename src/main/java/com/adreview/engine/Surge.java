package com.adreview.engine;

import java.util.List;

/**
 * A subject whose recent complaints are far above its own baseline.
 *
 * @param scope a whole category or one entity
 * @param subject the category's name or the entity's key
 * @param recentCount complaints in the recent window
 * @param baselinePerDay the daily rate of the baseline window (before the floor)
 * @param expected the count the baseline (at least the floor) leads to expect in the recent window
 * @param tailProbability the chance of at least {@code recentCount} at the expected rate (Poisson)
 * @param entitiesRising for a category: its entities that rose at once, most complaints first; empty for an entity
 * @param trend daily counts, oldest first, the last the day the check is made as of
 */
public record Surge(
        Scope scope,
        String subject,
        int recentCount,
        double baselinePerDay,
        double expected,
        double tailProbability,
        List<String> entitiesRising,
        List<Integer> trend) {

    public Surge {
        entitiesRising = List.copyOf(entitiesRising);
        trend = List.copyOf(trend);
    }

    public enum Scope {
        CATEGORY,
        ENTITY
    }
}
