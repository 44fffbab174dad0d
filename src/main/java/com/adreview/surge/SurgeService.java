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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Feeds the {@link SurgeDetector} from the complaint store: complaints arriving are checked (on this
 * instance's surge worker, after their 201s, gathered a moment so that complaints arriving together share
 * their checks) against their own entities and categories, as of now when received in the current recent
 * window, else as of their arrival (so a backlog entered late, oldest first, is checked as it unfolded), and
 * a periodic check looks at everything with recent complaints as of now. Each check reads the subject's
 * complaints of the history window by an index and counts them per 24 hours; a category's only when its
 * day counts say it could surge ({@code maySurge}), and an entity's in the periodic check only when it has
 * enough recent complaints to.
 */
@ApplicationScoped
public class SurgeService {

    private static final Logger LOG = Logger.getLogger(SurgeService.class);
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /** At most this many queued complaints are checked together. */
    static final int MOST_CHECKED_TOGETHER = 1_000;

    private final ComplaintService complaints;
    private final ComplaintClassifier classifier;
    private final PolicyService policy;
    private final AlertService alerts;
    private final Clock clock;
    private final Duration gather;
    /** Complaints recorded on this instance and not yet checked (queued or being checked). */
    private final AtomicInteger queued = new AtomicInteger();
    /** Bounded: a complaint arriving to a full queue is left to the periodic check. */
    private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>(10_000);
    /** Set by {@link #awaitChecked(Duration)}: check what is queued now, without gathering more. */
    private volatile boolean flush;

    private volatile boolean stopping;
    private Thread worker;

    public SurgeService(
            ComplaintService complaints,
            ComplaintClassifier classifier,
            PolicyService policy,
            AlertService alerts,
            Clock clock,
            SurgeConfig config) {
        this.complaints = complaints;
        this.classifier = classifier;
        this.policy = policy;
        this.alerts = alerts;
        this.clock = clock;
        this.gather = config.gather();
    }

    /**
     * Queues the complaint's check for this instance's surge worker, off the request path: the complaint's
     * 201 does not wait for it (issue 16's round-trip budget). The worker takes the complaints queued, in
     * arrival order, waiting up to {@code adreview.surge.gather} for more after the first, and checks them
     * together: each is classified, and the categories and entities of a run of complaints received in the
     * current recent window are checked once, as of now (what checking each as of now would find last);
     * one received before it (a backlog) is checked alone as of its arrival, in its place in the order. A
     * failure, a full queue or a stop before the check ran is logged, never the complaint's: the complaint
     * is recorded, and the periodic check counts (and classifies) it later.
     */
    void onComplaint(@Observes ComplaintRecorded event) {
        String id = event.complaintId();
        queued.incrementAndGet();
        if (stopping || !pending.offer(id)) {
            queued.decrementAndGet();
            LOG.warnf("Complaint %s: surge queue full or stopping; the periodic check will count it", id);
            return;
        }
        startWorker();
    }

    private synchronized void startWorker() {
        if (worker == null && !stopping) {
            worker = new Thread(this::work, "complaint-surges");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void work() {
        List<String> batch = new ArrayList<>();
        while (!(stopping && pending.isEmpty())) {
            try {
                String first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long until = System.nanoTime() + gather.toNanos();
                for (long left = until - System.nanoTime();
                        left > 0 && !flush && !stopping && pending.size() < MOST_CHECKED_TOGETHER;
                        left = until - System.nanoTime()) {
                    LockSupport.parkNanos(this, Math.min(left, 5_000_000L));
                }
                flush = false;
                pending.drainTo(batch, MOST_CHECKED_TOGETHER - 1);
                checkComplaints(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "Surge check of %d complaint(s) failed; the periodic check will count them", batch.size());
            } finally {
                queued.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    /**
     * Waits until every complaint queued so far on this instance has been checked, at most {@code timeout};
     * whether it was. For tests and the periodic check, which read alerts right after complaints: the worker
     * checks what is queued without waiting to gather more.
     */
    public boolean awaitChecked(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queued.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            flush = true;
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    void onStop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = worker;
        }
        if (running != null) {
            LockSupport.unpark(running);
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Classifies the complaints and checks their entities and categories: those received in the current
     * recent window together as of now (counted with every complaint of the window however they were
     * entered), one received before it (a backlog entered late) alone as of its arrival, as it unfolded, in
     * arrival order. A complaint whose classification fails is left to the periodic check; the others go on.
     */
    void checkComplaints(List<String> complaintIds) {
        Optional<PolicyPack> pack = policy.current();
        if (pack.isEmpty()) {
            return;
        }
        SurgePolicy surges = pack.get().surges();
        Map<String, ComplaintService.Counted> counted = complaints.counted(complaintIds);
        TreeSet<String> categories = new TreeSet<>();
        TreeSet<String> entities = new TreeSet<>();
        for (String id : complaintIds) {
            ComplaintService.Counted complaint = counted.get(id);
            if (complaint == null) {
                continue;
            }
            ComplaintClassifier.Classified classified;
            try {
                classified = classifier.classify(complaint);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Complaint %s: surge check failed; the periodic check will count it", id);
                continue;
            }
            Instant received = complaint.receivedAt();
            Instant now = now();
            if (received.isBefore(now.minus(Duration.ofDays(surges.historyDays())))) {
                continue; // too old to tell of a surge: its window is long over
            }
            if (received.isBefore(now.minus(Duration.ofDays(surges.recentDays())))) {
                // Before the current recent window: the ones before it first, then this one as of its arrival.
                if (!categories.isEmpty() || !entities.isEmpty()) {
                    check(now(), categories, entities, pack.get());
                    categories.clear();
                    entities.clear();
                }
                check(received, classified.categories(), classified.entities(), pack.get());
            } else {
                categories.addAll(classified.categories());
                entities.addAll(classified.entities());
            }
        }
        if (!categories.isEmpty() || !entities.isEmpty()) {
            check(now(), categories, entities, pack.get());
        }
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
        // The categories' complaint day counts, read once for all of them (what maySurge bounds a total by).
        Map<String, Map<String, Long>> byDay =
                categories.isEmpty() ? Map.of() : complaints.perDay("adCategory", utcDays(asOf, surges));
        for (String category : categories) {
            if (!maySurge(category, byDay.getOrDefault(category, Map.of()), asOf, surges)) {
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
    private boolean maySurge(String category, Map<String, Long> byDay, Instant asOf, SurgePolicy surges) {
        Instant recentFrom = recentFrom(asOf, surges);
        Instant nextDay = utcDay(recentFrom)
                .plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        return maySurge(byDay, complaints.countInCategoryOnOneDay(category, recentFrom, nextDay), asOf, surges);
    }

    /** The UTC days (yyyy-MM-dd) from the baseline's first to {@code asOf}'s. */
    private static List<String> utcDays(Instant asOf, SurgePolicy surges) {
        List<String> days = new ArrayList<>();
        for (java.time.LocalDate d = utcDay(baselineFrom(asOf, surges)); !d.isAfter(utcDay(asOf)); d = d.plusDays(1)) {
            days.add(d.toString());
        }
        return days;
    }

    private static Instant recentFrom(Instant asOf, SurgePolicy surges) {
        return asOf.plusMillis(1).minus(Duration.ofDays(surges.recentDays()));
    }

    private static Instant baselineFrom(Instant asOf, SurgePolicy surges) {
        return recentFrom(asOf, surges).minus(Duration.ofDays(surges.baselineDays()));
    }

    /**
     * {@link #maySurge(String, Map, Instant, SurgePolicy)} on the category's counts per UTC day (yyyy-MM-dd), and
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
