package com.adreview.surge;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.engine.SurgeDetector;
import com.adreview.engine.SurgePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bound a category check is spared by: told from counts per UTC day, it never says "no surge" where the
 * exact count over 24-hour windows is one, and it does say so for a category at its usual volume.
 */
class SurgeBoundTest {

    private static final SurgePolicy PACK = new SurgePolicy(7, 90, 0.0333, 0.001, 10, 2, 0.05, 5, 28);

    /** What the exact check computes: the category's total over the 24-hour windows ending at asOf. */
    private static boolean exactSurge(List<Instant> complaints, Instant asOf) {
        int days = PACK.historyDays();
        Instant end = asOf.plusMillis(1);
        Instant from = end.minus(Duration.ofDays(days));
        int[] daily = new int[days];
        for (Instant at : complaints) {
            if (!at.isBefore(from) && at.isBefore(end)) {
                daily[SurgeService.day(at, end, days)]++;
            }
        }
        return new SurgeDetector(PACK).signal(daily).tailProbability() <= PACK.maxTailProbability();
    }

    private static Map<String, Long> perUtcDay(List<Instant> complaints) {
        Map<String, Long> out = new HashMap<>();
        complaints.forEach(
                at -> out.merge(at.atZone(ZoneOffset.UTC).toLocalDate().toString(), 1L, Long::sum));
        return out;
    }

    /** The category's complaints from the recent window's start to the end of that UTC day. */
    private static long firstRecentDay(List<Instant> complaints, Instant asOf) {
        Instant from = asOf.plusMillis(1).minus(Duration.ofDays(PACK.recentDays()));
        Instant to = from.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return complaints.stream()
                .filter(at -> !at.isBefore(from) && at.isBefore(to))
                .count();
    }

    @Test
    void neverSparesACheckThatWouldFindASurge() {
        Random random = new Random(2018);
        int surges = 0;
        int spared = 0;
        int close = 0;
        for (int trial = 0; trial < 600; trial++) {
            Instant asOf = Instant.parse("2018-07-20T00:00:00Z").plusSeconds(random.nextInt(86_400 * 30));
            double usual;
            double wave;
            if (trial % 2 == 0) {
                // Small counts: a few complaints a day, a wave of up to five times as many.
                usual = random.nextDouble() * 20;
                wave = random.nextDouble() < 0.5 ? usual : usual * (1 + random.nextDouble() * 4) + random.nextInt(6);
            } else {
                // A large category, its last week a little above its usual: surges at the edge of the threshold,
                // where a bound off by a day's share of the baseline would spare one.
                usual = 200 + random.nextDouble() * 1_800;
                wave = usual * (1 + (2 + random.nextDouble() * 3) / Math.sqrt(7 * usual));
            }
            List<Instant> complaints = new ArrayList<>();
            long recentStart = 7 * 86_400L + random.nextInt(86_400);
            for (int s = 0; s < 100 * 86_400; s += 3_600) {
                Instant at = asOf.minusSeconds(s);
                double perHour = (s < recentStart ? wave : usual) / 24;
                int n = (int) perHour + (random.nextDouble() < perHour % 1 ? 1 : 0);
                for (int k = 0; k < n; k++) {
                    complaints.add(at.minusSeconds(random.nextInt(3_600)));
                }
            }
            // Later arrivals (the day counts hold them too) only raise the recent bound.
            complaints.add(asOf.plusSeconds(random.nextInt(3_600)));
            boolean exact = exactSurge(complaints, asOf);
            boolean may = SurgeService.maySurge(perUtcDay(complaints), firstRecentDay(complaints, asOf), asOf, PACK);
            if (exact) {
                surges++;
                assertThat(may)
                        .as("trial %d: a surge the bound would have spared", trial)
                        .isTrue();
            } else if (!may) {
                spared++;
            } else if (trial % 2 == 1) {
                close++; // no surge, yet too close to one to spare the read
            }
        }
        assertThat(surges).as("trials with a surge").isGreaterThan(100);
        assertThat(spared).as("trials spared the read").isGreaterThan(150);
        assertThat(close).as("large-category trials near the threshold").isGreaterThan(20);
    }

    @Test
    void aLargeCategoryAtItsUsualVolumeIsSpared() {
        Instant asOf = Instant.parse("2026-12-06T20:00:00Z");
        Map<String, Long> steady = new HashMap<>();
        for (int d = 0; d < 98; d++) {
            steady.put(
                    asOf.minus(Duration.ofDays(d))
                            .atZone(ZoneOffset.UTC)
                            .toLocalDate()
                            .toString(),
                    1_400L);
        }
        // 1,400 a day (500,000 complaints over 90 days in four categories); 20 hours of today are over, and 4
        // hours of the recent window's first day are in it.
        steady.put("2026-12-06", 1_167L);
        assertThat(SurgeService.maySurge(steady, 233, asOf, PACK)).isFalse();
        // A fifth more over the last week: possible, so read.
        for (int d = 0; d < 7; d++) {
            steady.put(
                    asOf.minus(Duration.ofDays(d))
                            .atZone(ZoneOffset.UTC)
                            .toLocalDate()
                            .toString(),
                    1_700L);
        }
        steady.put("2026-12-06", 1_417L);
        assertThat(SurgeService.maySurge(steady, 283, asOf, PACK)).isTrue();
    }
}
