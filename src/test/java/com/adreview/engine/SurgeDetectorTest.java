package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SurgeDetectorTest {

    private static final SurgePolicy POLICY = SurgePolicy.defaults();
    private static final SurgeDetector DETECTOR = new SurgeDetector(POLICY);
    private static final int DAYS = POLICY.historyDays();

    /** Poisson draws by inversion: exact for the means these tests use. */
    private static int poisson(Random random, double mean) {
        double u = random.nextDouble();
        double p = Math.exp(-mean);
        double cumulative = p;
        int k = 0;
        while (u > cumulative && k < 10_000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /** A history of {@link #DAYS} days at {@code baseline} a day, the last seven at {@code recent} a day. */
    private static int[] history(Random random, double baseline, double recent) {
        int[] daily = new int[DAYS];
        for (int i = 0; i < DAYS; i++) {
            daily[i] = poisson(random, i >= DAYS - POLICY.recentDays() ? recent : baseline);
        }
        return daily;
    }

    private static int[] quietThen(int... lastDays) {
        int[] daily = new int[DAYS];
        System.arraycopy(lastDays, 0, daily, DAYS - lastDays.length, lastDays.length);
        return daily;
    }

    @Test
    void poissonTailMatchesKnownValues() {
        assertThat(SurgeDetector.poissonUpperTail(0, 3)).isEqualTo(1.0);
        assertThat(SurgeDetector.poissonUpperTail(1, 2)).isCloseTo(1 - Math.exp(-2), within(1e-12));
        // P(X >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2)
        assertThat(SurgeDetector.poissonUpperTail(3, 1)).isCloseTo(1 - Math.exp(-1) * 2.5, within(1e-12));
        assertThat(SurgeDetector.poissonUpperTail(5, 0)).isZero();
        // Large counts: at the mean the tail is about a half (0.5042: the normal approximation with its
        // continuity and skew terms), far above it vanishingly small.
        assertThat(SurgeDetector.poissonUpperTail(1000, 1000)).isCloseTo(0.5042, within(0.001));
        assertThat(SurgeDetector.poissonUpperTail(2000, 1000)).isLessThan(1e-100);
        assertThat(SurgeDetector.poissonUpperTail(20, 0.25)).isGreaterThan(0).isLessThan(1e-25);
    }

    @Test
    void poissonTailIsAProbabilityFallingInTheCountAndRisingInTheMean() {
        Random random = new Random(20_180_601);
        for (int trial = 0; trial < 2_000; trial++) {
            double mean = Math.exp(random.nextDouble() * 12 - 5); // 0.007 … 1100
            int k = random.nextInt((int) (mean * 3) + 10);
            double tail = SurgeDetector.poissonUpperTail(k, mean);
            double next = SurgeDetector.poissonUpperTail(k + 1, mean);
            assertThat(tail).isBetween(0.0, 1.0);
            assertThat(next).isLessThanOrEqualTo(tail);
            assertThat(SurgeDetector.poissonUpperTail(k, mean * 1.1)).isGreaterThanOrEqualTo(tail - 1e-12);
            // Consecutive tails differ by the probability of exactly k.
            double pmf = Math.exp(-mean + k * Math.log(mean) - SurgeDetector.logFactorial(k));
            assertThat(tail - next).as("k=%d mean=%f", k, mean).isCloseTo(pmf, within(1e-9 + pmf * 1e-6));
        }
    }

    @Test
    void logFactorialIsContinuousWhereItChangesMethod() {
        double exact = 0;
        for (int i = 2; i <= 300; i++) {
            exact += Math.log(i);
            assertThat(SurgeDetector.logFactorial(i)).isCloseTo(exact, within(1e-9 * exact));
        }
    }

    @Test
    void steadyVolumeRarelyAlarmsWhateverItsRate() {
        Random random = new Random(42);
        int alarms = 0;
        int trials = 3_000;
        for (int trial = 0; trial < trials; trial++) {
            double rate = 0.05 + random.nextDouble() * 20;
            if (DETECTOR.entity("e", history(random, rate, rate)).isPresent()) {
                alarms++;
            }
        }
        assertThat(alarms).as("false alarms in %d steady histories", trials).isLessThanOrEqualTo(trials / 200);
    }

    @Test
    void aFivefoldRiseAboveADailyComplaintAlwaysAlarms() {
        Random random = new Random(7);
        for (int trial = 0; trial < 1_000; trial++) {
            double rate = 1 + random.nextDouble() * 10;
            int[] daily = history(random, rate, rate * 5);
            assertThat(DETECTOR.entity("e", daily))
                    .as("rate %f: %s", rate, DETECTOR.signal(daily))
                    .isPresent();
        }
    }

    @Test
    void smallCountsDoNotAlarmOnTheirOwn() {
        // An entity nobody complained about gets three complaints this week: it rises, it does not surge.
        int[] three = quietThen(1, 0, 0, 1, 0, 0, 1);
        assertThat(DETECTOR.entity("e", three)).isEmpty();
        assertThat(DETECTOR.rising(three)).isTrue();
        // One complaint is nothing at all.
        assertThat(DETECTOR.rising(quietThen(1))).isFalse();
        // Ten in a week where there were none is an entity's surge.
        assertThat(DETECTOR.entity("e", quietThen(2, 1, 2, 1, 2, 1, 1))).get().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(Surge.Scope.ENTITY);
            assertThat(s.recentCount()).isEqualTo(10);
            assertThat(s.baselinePerDay()).isZero();
            assertThat(s.expected()).isCloseTo(7.0 / 30, within(1e-12));
            assertThat(s.tailProbability()).isLessThan(1e-10);
            assertThat(s.trend()).hasSize(POLICY.trendDays()).endsWith(2, 1, 2, 1, 2, 1, 1);
        });
    }

    @Test
    void anEntityUsedToManyComplaintsDoesNotAlarmAtItsUsualVolume() {
        int[] daily = new int[DAYS];
        java.util.Arrays.fill(daily, 3); // 21 a week, as always
        assertThat(DETECTOR.entity("busy", daily)).isEmpty();
        assertThat(DETECTOR.rising(daily)).isFalse();
        daily[DAYS - 1] = 30; // a bad day: 48 in the week where 21 is usual
        assertThat(DETECTOR.entity("busy", daily)).isPresent();
    }

    @Test
    void aShortHistoryCountsAsQuietDays() {
        int[] lastWeek = {2, 1, 2, 1, 2, 1, 1};
        assertThat(DETECTOR.signal(lastWeek)).isEqualTo(DETECTOR.signal(quietThen(lastWeek)));
    }

    @Test
    void aCategorySurgesWhenManyOfItsEntitiesRiseAtOnce() {
        Map<String, int[]> entities = new HashMap<>();
        int[] category = new int[DAYS];
        for (int e = 0; e < POLICY.categoryMinEntitiesRising(); e++) {
            int[] daily = quietThen(1, 0, 1, 0, 0, e % 2, 0);
            entities.put("entity-" + e, daily);
            add(category, daily);
        }
        entities.put("quiet", new int[DAYS]);
        assertThat(DETECTOR.category("P2P_LENDING", category, entities)).get().satisfies(s -> {
            assertThat(s.scope()).isEqualTo(Surge.Scope.CATEGORY);
            assertThat(s.subject()).isEqualTo("P2P_LENDING");
            assertThat(s.entitiesRising()).containsExactly("entity-1", "entity-3", "entity-0", "entity-2", "entity-4");
            assertThat(s.recentCount()).isEqualTo(12);
        });
        // One entity fewer rising: no category surge, however many complaints.
        entities.remove("entity-4");
        assertThat(DETECTOR.category("P2P_LENDING", category, entities)).isEmpty();
    }

    @Test
    void oneEntitysFloodIsNotTheCategorys() {
        int[] flood = quietThen(10, 20, 30, 40, 50, 60, 70);
        assertThat(DETECTOR.category("P2P_LENDING", flood, Map.of("one", flood)))
                .isEmpty();
        assertThat(DETECTOR.entity("one", flood)).isPresent();
    }

    @Test
    void aBusyCategoryWhoseEntitiesJiggleIsNotASurge() {
        // Forty entities each at its steady rate: by chance a few rise, the total stays at its baseline.
        Random random = new Random(2018);
        for (int trial = 0; trial < 50; trial++) {
            Map<String, int[]> entities = new HashMap<>();
            int[] category = new int[DAYS];
            for (int e = 0; e < 40; e++) {
                int[] daily = history(random, 0.1, 0.1);
                entities.put("e" + e, daily);
                add(category, daily);
            }
            assertThat(DETECTOR.category("INSURANCE", category, entities)).isEmpty();
        }
    }

    @Test
    void thresholdsAreChecked() {
        assertThatThrownBy(() -> new SurgePolicy(0, 90, 0.1, 0.001, 10, 2, 0.05, 5, 28))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SurgePolicy(7, 90, 0, 0.001, 10, 2, 0.05, 5, 28))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SurgePolicy(7, 90, 0.1, 1.0, 10, 2, 0.05, 5, 28))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(POLICY.historyDays())).containsExactly(97);
    }

    @Test
    void eachThresholdIsRefusedJustPastItsBoundAndAcceptedAtIt() {
        // recentDays, baselineDays, trendDays: at least one day.
        assertPolicyRefused("windows must be at least one day", 0, 90, 0.1, 0.001, 10, 2, 0.05, 5, 28);
        assertPolicyRefused("windows must be at least one day", 7, 0, 0.1, 0.001, 10, 2, 0.05, 5, 28);
        assertPolicyRefused("windows must be at least one day", 7, 90, 0.1, 0.001, 10, 2, 0.05, 5, 0);
        // the floor under the baseline rate: above 0
        assertPolicyRefused("minBaselinePerDay must be above 0", 7, 90, 0, 0.001, 10, 2, 0.05, 5, 28);
        assertPolicyRefused("minBaselinePerDay must be above 0", 7, 90, Double.NaN, 0.001, 10, 2, 0.05, 5, 28);
        // both tail probabilities: strictly between 0 and 1
        for (double refused : new double[] {0, 1, Double.NaN}) {
            assertPolicyRefused(
                    "tail probabilities must be above 0 and below 1", 7, 90, 0.1, refused, 10, 2, 0.05, 5, 28);
            assertPolicyRefused(
                    "tail probabilities must be above 0 and below 1", 7, 90, 0.1, 0.001, 10, 2, refused, 5, 28);
        }
        // the three minimum counts: at least 1
        assertPolicyRefused("minimum counts must be at least 1", 7, 90, 0.1, 0.001, 0, 2, 0.05, 5, 28);
        assertPolicyRefused("minimum counts must be at least 1", 7, 90, 0.1, 0.001, 10, 0, 0.05, 5, 28);
        assertPolicyRefused("minimum counts must be at least 1", 7, 90, 0.1, 0.001, 10, 2, 0.05, 0, 28);
        // Every bound itself is accepted.
        SurgePolicy least = new SurgePolicy(1, 1, Double.MIN_VALUE, 0.5, 1, 1, 0.5, 1, 1);
        assertThat(least.historyDays()).isEqualTo(2);
        assertThat(new SurgePolicy(1, 1, 0.1, 0.5, 1, 1, 0.5, 1, 5).historyDays())
                .isEqualTo(5);
        assertThat(SurgePolicy.defaults()).isEqualTo(new SurgePolicy(7, 90, 1.0 / 30, 0.001, 10, 2, 0.05, 5, 28));
    }

    private static void assertPolicyRefused(
            String message,
            int recentDays,
            int baselineDays,
            double minBaselinePerDay,
            double maxTailProbability,
            int entityMinRecent,
            int risingMinRecent,
            double risingMaxTailProbability,
            int categoryMinEntitiesRising,
            int trendDays) {
        assertThatThrownBy(() -> new SurgePolicy(
                        recentDays,
                        baselineDays,
                        minBaselinePerDay,
                        maxTailProbability,
                        entityMinRecent,
                        risingMinRecent,
                        risingMaxTailProbability,
                        categoryMinEntitiesRising,
                        trendDays))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void anEntitySurgesAtExactlyItsMinimumCountAndTailProbability() {
        // One quiet day of baseline, one recent day: the floor rate 0.5 a day is expected.
        double tail = SurgeDetector.poissonUpperTail(3, 0.5);
        SurgePolicy atTail = new SurgePolicy(1, 1, 0.5, tail, 3, 3, tail, 1, 2);
        SurgeDetector detector = new SurgeDetector(atTail);
        assertThat(detector.entity("e", new int[] {0, 3}))
                .contains(new Surge(Surge.Scope.ENTITY, "e", 3, 0.0, 0.5, tail, List.of(), List.of(0, 3)));
        assertThat(detector.rising(new int[] {0, 3})).isTrue();
        // One fewer than the minimum count, or a tail probability just above the limit: no surge.
        assertThat(new SurgeDetector(new SurgePolicy(1, 1, 0.5, tail, 4, 4, tail, 1, 2)).entity("e", new int[] {0, 3}))
                .isEmpty();
        assertThat(new SurgeDetector(new SurgePolicy(1, 1, 0.5, tail, 4, 4, tail, 1, 2)).rising(new int[] {0, 3}))
                .isFalse();
        double below = Math.nextDown(tail);
        assertThat(new SurgeDetector(new SurgePolicy(1, 1, 0.5, below, 3, 3, below, 1, 2))
                        .entity("e", new int[] {0, 3}))
                .isEmpty();
        assertThat(new SurgeDetector(new SurgePolicy(1, 1, 0.5, below, 3, 3, below, 1, 2)).rising(new int[] {0, 3}))
                .isFalse();
        // A category: its total's tail at exactly the limit surges, with the rising entities by count.
        Map<String, int[]> entities = Map.of("b", new int[] {0, 3}, "a", new int[] {0, 3}, "c", new int[] {0, 5});
        double categoryTail = SurgeDetector.poissonUpperTail(11, 0.5);
        SurgePolicy categoryPolicy = new SurgePolicy(1, 1, 0.5, categoryTail, 3, 3, tail, 3, 2);
        assertThat(new SurgeDetector(categoryPolicy).category("P2P", new int[] {0, 11}, entities))
                .contains(new Surge(
                        Surge.Scope.CATEGORY,
                        "P2P",
                        11,
                        0.0,
                        0.5,
                        categoryTail,
                        List.of("c", "a", "b"),
                        List.of(0, 11)));
        SurgePolicy stricter = new SurgePolicy(1, 1, 0.5, Math.nextDown(categoryTail), 3, 3, tail, 3, 2);
        assertThat(new SurgeDetector(stricter).category("P2P", new int[] {0, 11}, entities))
                .isEmpty();
        SurgePolicy moreEntities = new SurgePolicy(1, 1, 0.5, categoryTail, 3, 3, tail, 4, 2);
        assertThat(new SurgeDetector(moreEntities).category("P2P", new int[] {0, 11}, entities))
                .isEmpty();
    }

    @Test
    void logFactorialIsExactForSmallCountsAndStirlingAbove() {
        assertThat(SurgeDetector.logFactorial(0)).isZero();
        assertThat(SurgeDetector.logFactorial(1)).isZero();
        assertThat(SurgeDetector.logFactorial(2)).isEqualTo(Math.log(2));
        assertThat(SurgeDetector.logFactorial(3)).isEqualTo(Math.log(2) + Math.log(3));
        double sum = 0;
        for (int i = 2; i <= 256; i++) {
            sum += Math.log(i);
            if (i == 255) {
                assertThat(SurgeDetector.logFactorial(255)).isEqualTo(sum);
            }
        }
        // At 256 Stirling's series takes over: within a few ulps of the exact sum, but not the sum itself.
        assertThat(SurgeDetector.logFactorial(256)).isCloseTo(sum, within(1e-9)).isNotEqualTo(sum);
    }

    @Test
    void poissonTailAtItsEdges() {
        assertThat(SurgeDetector.poissonUpperTail(-1, 3)).isEqualTo(1.0);
        // No complaints are always reached, even where none are expected.
        assertThat(SurgeDetector.poissonUpperTail(0, 0)).isEqualTo(1.0);
        assertThat(SurgeDetector.poissonUpperTail(1, -1)).isZero();
        assertThat(SurgeDetector.poissonUpperTail(1, Double.NaN)).isZero();
        // k = 1 is at most the mean 1 (the lower tail's side): P(X ≥ 1) = 1 − e^−1, to the bit of the sum.
        assertThat(SurgeDetector.poissonUpperTail(1, 1)).isEqualTo(1.0 - Math.exp(-1.0));
        // k just above the mean (the upper tail's side): P(X ≥ 2 | 1.5).
        assertThat(SurgeDetector.poissonUpperTail(2, 1.5)).isCloseTo(1 - Math.exp(-1.5) * (1 + 1.5), within(1e-15));
        // k at the mean, large: both sides agree with the neighbours they bracket.
        assertThat(SurgeDetector.poissonUpperTail(300, 300)).isCloseTo(0.5077, within(0.0001));
        assertThat(SurgeDetector.poissonUpperTail(301, 300)).isLessThan(SurgeDetector.poissonUpperTail(300, 300));
    }

    private static void add(int[] into, int[] daily) {
        for (int i = 0; i < daily.length; i++) {
            into[i] += daily[i];
        }
    }
}
