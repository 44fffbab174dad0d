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
 * subject's complaints of the history window by an index and counts them per 24 hours.
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
        for (ComplaintService.Counted c : complaints.receivedBetween(from, now.plusMillis(1))) {
            if (c.entities() == null || c.categories() == null) {
                ComplaintClassifier.Classified classified = classifier.classify(c);
                categories.addAll(classified.categories());
                entities.addAll(classified.entities());
            } else {
                categories.addAll(c.categories());
                entities.addAll(c.entities());
            }
        }
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
