package com.adreview.surge;

import com.adreview.complaint.ComplaintRecorded;
import com.adreview.complaint.ComplaintService;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.Surge;
import com.adreview.engine.SurgeDetector;
import com.adreview.engine.SurgePolicy;
import com.adreview.policy.PolicyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Feeds the {@link SurgeDetector} from the complaint store: a complaint arriving checks (on this instance's
 * surge worker, after its 201) its own entities
 * and categories, as of now when it was received in the current recent window, else as of its arrival
 * (so a backlog entered late, oldest first, is checked as it unfolded), and a periodic check looks at everything with recent complaints as of now. Each check reads the
 * subject's complaints of the history window by an index and counts them per 24 hours; a category's only
 * when its day counts say it could surge ({@link #maySurge(String, Instant, SurgePolicy)}), and an entity's
 * in the periodic check only when it has enough recent complaints to.
 */
@ApplicationScoped
public class SurgeService {

    private static final Logger LOG = Logger.getLogger(SurgeService.class);
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final ComplaintService complaints;
    private final ComplaintClassifier classifier;
    private final PolicyService policy;
    private final AlertService alerts;
    private final Clock clock;
    private final AtomicInteger queued = new AtomicInteger();
    /** One thread, so that checks run in the order complaints arrived; a bounded queue, dropping when full. */
    private final ThreadPoolExecutor worker =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "complaint-surges");
                t.setDaemon(true);
                return t;
            });

    public SurgeService(
            ComplaintService complaints,
            ComplaintClassifier classifier,
            PolicyService policy,
            AlertService alerts,
            Clock clock) {
        this.complaints = complaints;
        this.classifier = classifier;
        this.policy = policy;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Queues the complaint's check on this instance's surge worker, off the request path: the complaint's
     * 201 does not wait for it (issue 16's round-trip budget), and checks run one at a time in arrival
     * order, each as of the complaint's own arrival as before. A failure, a full queue or a stop before the
     * check ran is logged, never the complaint's: the complaint is recorded, and the periodic check counts
     * (and classifies) it later.
     */
    void onComplaint(@Observes ComplaintRecorded event) {
        String id = event.complaintId();
        queued.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    checkComplaint(id);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Complaint %s: surge check failed; the periodic check will count it", id);
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            LOG.warnf("Complaint %s: surge queue full or stopping; the periodic check will count it", id);
        }
    }

    /**
     * Waits until every complaint queued so far on this instance has been checked, at most {@code timeout};
     * whether it was. For tests and the periodic check, which read alerts right after complaints.
     */
    public boolean awaitChecked(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queued.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    void onStop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        worker.shutdown();
        try {
            worker.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Classifies the complaint and checks its entities and categories as of its arrival. */
    public void checkComplaint(String complaintId) {
        Optional<ComplaintService.Counted> counted = complaints.counted(complaintId);
        Optional<PolicyPack> pack = policy.current();
        if (counted.isEmpty() || pack.isEmpty()) {
            return;
        }
        ComplaintClassifier.Classified classified = classifier.classify(counted.get());
        Instant received = counted.get().receivedAt();
        SurgePolicy surges = pack.get().surges();
        Instant now = now();
        if (received.isBefore(now.minus(Duration.ofDays(surges.historyDays())))) {
            return; // too old to tell of a surge: its window is long over
        }
        // Received in the current recent window: counted as of now, with every complaint of the window however
        // they were entered. Received before it (a backlog entered late): as of its arrival, as it unfolded.
        Instant asOf = received.isBefore(now.minus(Duration.ofDays(surges.recentDays()))) ? received : now;
        check(asOf, classified.categories(), classified.entities(), pack.get());
    }

    /** What a periodic check did. */
    public record Round(int categories, int entities, int opened) {}

    /**
     * Checks, as of now, every category and entity with complaints in the recent window, classifying any
     * complaint that arrived without being classified (its check failed).
     */
    public Round checkRecent() {
        Optional<PolicyPack> pack = policy.current();
        if (pack.isEmpty()) {
            return new Round(0, 0, 0);
        }
        Instant now = now();
        TreeSet<String> categories = new TreeSet<>();
        TreeSet<String> entities = new TreeSet<>();
        Instant from = now.minus(Duration.ofDays(pack.get().surges().recentDays()));
        Map<String, Integer> recentOfEntity = new HashMap<>();
        for (ComplaintService.Counted c : complaints.receivedBetween(from, now.plusMillis(1))) {
            List<String> ofEntities = c.entities();
            if (c.entities() == null || c.categories() == null) {
                ComplaintClassifier.Classified classified = classifier.classify(c);
                categories.addAll(classified.categories());
                ofEntities = classified.entities();
            } else {
                categories.addAll(c.categories());
            }
            ofEntities.forEach(e -> recentOfEntity.merge(e, 1, Integer::sum));
        }
        // These are the entities' complaints of the recent window as of now: one with fewer than an entity
        // surge needs cannot surge, and is not read again (with 500,000 complaints, thousands of entities).
        recentOfEntity.forEach((entity, recent) -> {
            if (recent >= pack.get().surges().entityMinRecent()) {
                entities.add(entity);
            }
        });
        int opened = check(now, categories, entities, pack.get());
        return new Round(categories.size(), entities.size(), opened);
    }

    private int check(Instant asOf, Collection<String> categories, Collection<String> entities, PolicyPack pack) {
        SurgePolicy surges = pack.surges();
        SurgeDetector detector = new SurgeDetector(surges);
        int days = surges.historyDays();
        Instant end = asOf.plusMillis(1);
        Instant from = end.minus(Duration.ofDays(days));
        int opened = 0;
        for (String category : categories) {
            if (!maySurge(category, asOf, surges)) {
                continue;
            }
            int[] daily = new int[days];
            Map<String, int[]> perEntity = new HashMap<>();
            for (ComplaintService.Counted c : complaints.countedInCategory(category, from, end)) {
                int day = day(c.receivedAt(), end, days);
                daily[day]++;
                for (String entity : c.entities() == null ? List.<String>of() : c.entities()) {
                    perEntity.computeIfAbsent(entity, e -> new int[days])[day]++;
                }
            }
            Optional<Surge> surge = detector.category(category, daily, perEntity);
            if (surge.isPresent()
                    && alerts.raise(surge.get(), asOf, surges, pack.version()) == AlertService.Raised.OPENED) {
                LOG.infof("Complaint surge in category %s as of %s: %s", category, asOf, surge.get());
                opened++;
            }
        }
        for (String entity : entities) {
            int[] daily = new int[days];
            for (Instant at : complaints.countedAgainstEntity(entity, from, end)) {
                daily[day(at, end, days)]++;
            }
            Optional<Surge> surge = detector.entity(entity, daily);
            if (surge.isPresent()
                    && alerts.raise(surge.get(), asOf, surges, pack.version()) == AlertService.Raised.OPENED) {
                LOG.infof("Complaint surge of %s as of %s: %s", entity, asOf, surge.get());
                opened++;
            }
        }
        return opened;
    }

    /**
     * Whether the category's total could be a surge as of {@code asOf}, told from its complaint day counts
     * (a hundred small documents) and one day of its complaints, before its complaints of the whole history
     * window are read (with 500,000 complaints, 125,000 of one category: 3 s on the embedded store, per
     * check). A category surges only if its total does, and the UTC days bound the check's 24-hour windows:
     * the recent window's first day counted from the window's start and the days after it hold at least its
     * complaints (and those received after {@code asOf}), the days wholly inside the baseline at most the
     * baseline's. A Poisson tail falls as the count rises and rises with the rate, so if even the larger
     * count at the smaller rate is not improbable enough, the exact figures are not either, and the read is
     * spared. Day counts of another instance can lag by its flush (a second): a surge its last second's
     * complaints complete is found by their own checks, on that instance, or by the periodic one.
     */
    boolean maySurge(String category, Instant asOf, SurgePolicy surges) {
        List<String> days = new java.util.ArrayList<>();
        for (java.time.LocalDate d = utcDay(baselineFrom(asOf, surges)); !d.isAfter(utcDay(asOf)); d = d.plusDays(1)) {
            days.add(d.toString());
        }
        Instant recentFrom = recentFrom(asOf, surges);
        Instant nextDay = utcDay(recentFrom)
                .plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        return maySurge(
                complaints.perDay("adCategory", days).getOrDefault(category, Map.of()),
                complaints.countInCategoryOnOneDay(category, recentFrom, nextDay),
                asOf,
                surges);
    }

    private static Instant recentFrom(Instant asOf, SurgePolicy surges) {
        return asOf.plusMillis(1).minus(Duration.ofDays(surges.recentDays()));
    }

    private static Instant baselineFrom(Instant asOf, SurgePolicy surges) {
        return recentFrom(asOf, surges).minus(Duration.ofDays(surges.baselineDays()));
    }

    /**
     * {@link #maySurge(String, Instant, SurgePolicy)} on the category's counts per UTC day (yyyy-MM-dd), and
     * its exact count on the recent window's first UTC day from the window's start: that day lies partly
     * before the window, and counted whole it would add up to a day's volume to the recent bound (one
     * seventh: for a large category, a bound that never spares the read).
     */
    static boolean maySurge(Map<String, Long> byDay, long firstRecentDay, Instant asOf, SurgePolicy surges) {
        java.time.LocalDate first = utcDay(baselineFrom(asOf, surges));
        java.time.LocalDate recentFirst = utcDay(recentFrom(asOf, surges));
        java.time.LocalDate last = utcDay(asOf);
        long recentUpper = firstRecentDay;
        long baselineLower = 0;
        for (java.time.LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            long n = byDay.getOrDefault(d.toString(), 0L);
            if (d.isAfter(recentFirst)) {
                recentUpper += n;
            } else if (d.isAfter(first) && d.isBefore(recentFirst)) {
                baselineLower += n; // a whole day after the baseline's start and before the recent window's
            }
        }
        double perDay = (double) baselineLower / surges.baselineDays();
        double expected = Math.max(perDay, surges.minBaselinePerDay()) * surges.recentDays();
        return SurgeDetector.poissonUpperTail((int) Math.min(Integer.MAX_VALUE, recentUpper), expected)
                <= surges.maxTailProbability();
    }

    private static java.time.LocalDate utcDay(Instant at) {
        return at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    /** The 24-hour period (0 the oldest, days - 1 the one ending at {@code end}) a complaint falls in. */
    static int day(Instant receivedAt, Instant end, int days) {
        long age = end.toEpochMilli() - receivedAt.toEpochMilli(); // 1 … days × 24 h
        int fromEnd = (int) Math.min(days - 1, Math.max(0, (age - 1) / DAY_MS));
        return days - 1 - fromEnd;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
