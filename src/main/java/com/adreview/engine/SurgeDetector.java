package com.adreview.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a surge of complaints from normal volume: the recent window's count against a Poisson count at
 * the subject's own baseline rate, so that three complaints where one a month is usual are a surprise and
 * three where thirty a week are usual are not; and small counts never alarm on their own (a minimum count,
 * and a floor under the baseline rate). A category surges the way P2P lending did in 2018: many of its
 * entities rising at once, and its total far above its own baseline. Pure: daily counts in, a verdict out.
 *
 * <p>Daily counts are oldest first and end with the day the check is made as of; missing history (a
 * shorter array) counts as days without complaints.
 */
public final class SurgeDetector {

    private final SurgePolicy policy;

    public SurgeDetector(SurgePolicy policy) {
        this.policy = policy;
    }

    public SurgePolicy policy() {
        return policy;
    }

    /** The numbers of one subject's history: the recent count, the baseline rate, the tail probability. */
    public record Signal(int recent, double baselinePerDay, double expected, double tailProbability) {}

    public Signal signal(int[] daily) {
        int n = daily.length;
        int recentDays = policy.recentDays();
        int recent = 0;
        for (int i = Math.max(0, n - recentDays); i < n; i++) {
            recent += daily[i];
        }
        long baseline = 0;
        for (int i = Math.max(0, n - recentDays - policy.baselineDays()); i < n - recentDays; i++) {
            baseline += daily[i];
        }
        double perDay = (double) baseline / policy.baselineDays();
        double expected = Math.max(perDay, policy.minBaselinePerDay()) * recentDays;
        return new Signal(recent, perDay, expected, poissonUpperTail(recent, expected));
    }

    /** An entity's surge: enough recent complaints, and that many are improbable at its baseline. */
    public Optional<Surge> entity(String entity, int[] daily) {
        Signal s = signal(daily);
        if (s.recent() < policy.entityMinRecent() || s.tailProbability() > policy.maxTailProbability()) {
            return Optional.empty();
        }
        return Optional.of(new Surge(
                Surge.Scope.ENTITY,
                entity,
                s.recent(),
                s.baselinePerDay(),
                s.expected(),
                s.tailProbability(),
                List.of(),
                trend(daily)));
    }

    /** Whether an entity rises, for a category-wide surge: a few complaints more than its own usual. */
    public boolean rising(int[] daily) {
        Signal s = signal(daily);
        return s.recent() >= policy.risingMinRecent() && s.tailProbability() <= policy.risingMaxTailProbability();
    }

    /**
     * A category's surge: at least the configured number of its entities rising at once, and the
     * category's total improbable at its own baseline. One entity's flood is that entity's surge, not the
     * category's.
     *
     * @param daily the category's daily counts
     * @param entities each entity's daily counts in the category
     */
    public Optional<Surge> category(String category, int[] daily, Map<String, int[]> entities) {
        List<String> rising = new ArrayList<>();
        Map<String, Integer> recentOf = new java.util.HashMap<>();
        for (Map.Entry<String, int[]> e : entities.entrySet()) {
            if (rising(e.getValue())) {
                rising.add(e.getKey());
                recentOf.put(e.getKey(), signal(e.getValue()).recent());
            }
        }
        if (rising.size() < policy.categoryMinEntitiesRising()) {
            return Optional.empty();
        }
        Signal s = signal(daily);
        if (s.tailProbability() > policy.maxTailProbability()) {
            return Optional.empty();
        }
        rising.sort(Comparator.comparing((String k) -> -recentOf.get(k)).thenComparing(Comparator.naturalOrder()));
        return Optional.of(new Surge(
                Surge.Scope.CATEGORY,
                category,
                s.recent(),
                s.baselinePerDay(),
                s.expected(),
                s.tailProbability(),
                rising,
                trend(daily)));
    }

    private List<Integer> trend(int[] daily) {
        int from = Math.max(0, daily.length - policy.trendDays());
        return Arrays.stream(daily, from, daily.length).boxed().toList();
    }

    /**
     * P(X ≥ k) for X Poisson with mean {@code lambda}: summed in log space from the side that converges,
     * so it holds for counts in the thousands and means far below or above them.
     */
    public static double poissonUpperTail(int k, double lambda) {
        if (k <= 0) {
            return 1.0;
        }
        if (!(lambda > 0)) {
            return 0.0;
        }
        if (k > lambda) {
            // Terms fall from k on: sum them until they no longer change the total.
            double logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
            double term = Math.exp(logTerm);
            double sum = 0;
            for (int i = k; term > 0 && term >= sum * 1e-17; i++) {
                sum += term;
                term *= lambda / (i + 1);
            }
            return Math.min(1.0, sum);
        }
        // k at most the mean: one minus the lower tail, whose terms rise towards k - 1.
        double lower = 0;
        double logTerm = -lambda + (k - 1) * Math.log(lambda) - logFactorial(k - 1);
        double term = Math.exp(logTerm);
        for (int i = k - 1; i >= 0 && (term > 0 || i == k - 1); i--) {
            lower += term;
            term *= i / lambda;
            if (term < lower * 1e-17) {
                break;
            }
        }
        return Math.max(0.0, Math.min(1.0, 1.0 - lower));
    }

    /** ln(n!), exact sum below 256 and Stirling's series above (error far below a double's precision there). */
    static double logFactorial(int n) {
        if (n < 2) {
            return 0;
        }
        if (n < 256) {
            double s = 0;
            for (int i = 2; i <= n; i++) {
                s += Math.log(i);
            }
            return s;
        }
        double x = n + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
