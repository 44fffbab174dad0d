package com.adreview.dashboard;

import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.audit.AuditTrail;
import com.adreview.coordination.LeaseService;
import com.adreview.coordination.LeasedTask;
import com.adreview.store.DayTally;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Counts per day the submissions and complaints a store holds from before it kept day counts, so that its
 * dashboards (and anything else reading day counts) show its history. One instance does it, holding the
 * lease {@value #LEASE}; it starts by itself on a store whose records predate day counts and that has none,
 * and again on an admin's request.
 *
 * <p>Why it can run beside the live path, twice, or be cut off and resumed without losing or doubling a
 * count, with no transaction and single-document atomic updates only: the live path marks what it counts
 * on the record it stores (in the same insert or update) and raises the count's live part; the backfill
 * counts only unmarked records, and <em>sets</em> the count's backfilled part to their number (store
 * {@code DailyCountStore}). Unmarked records do not change (a complaint's classification marks it as it
 * counts it), so a second run sets the same figures.
 *
 * <p>It walks each collection once, in id order, a page at a time (a range of the id index: on the embedded
 * store a query on the received time would read the whole collection, per day); a day's records may be
 * anywhere in that order (complaints are entered late), so each page's counts are kept under the page's own
 * key, the walk's place recorded after it, and only when both walks are over are the pages added up and
 * every day's backfilled part set. A holder that resumes reads the unrecorded page again and keeps the same
 * counts under the same key.
 */
@ApplicationScoped
public class DayCountBackfill {

    private static final Logger LOG = Logger.getLogger(DayCountBackfill.class);
    static final String LEASE = "day-count-backfill";
    private static final Duration RENEW_EVERY = Duration.ofSeconds(5);

    private final CountedRecords records;
    private final DayCountBackfillStore store;
    private final AuditTrail audit;
    private final LeaseService leases;
    private final Clock clock;
    private final LeasedTask task;
    private final ManagedExecutor executor;
    private final DashboardConfig config;
    private volatile boolean stopping;

    DayCountBackfill(
            CountedRecords records,
            DayCountBackfillStore store,
            AuditTrail audit,
            LeaseService leases,
            DashboardConfig config,
            Clock clock,
            ManagedExecutor executor) {
        this.records = records;
        this.store = store;
        this.audit = audit;
        this.leases = leases;
        this.clock = clock;
        this.executor = executor;
        this.config = config;
        this.task = new LeasedTask(LEASE, config::backfillInterval, this::round, leases);
    }

    void onStart(@Observes StartupEvent event) {
        task.start(executor);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        task.stop();
    }

    /** Where it is; NOT_NEEDED until the first round has looked at the store. */
    public DayCountBackfillView state() {
        Optional<DayCountBackfillDocument> doc = store.current();
        String holder = leases.holder(LEASE).orElse(null);
        if (doc.isEmpty()) {
            DayCountBackfillDocument none = new DayCountBackfillDocument();
            none.state = BackfillState.NOT_NEEDED;
            return DayCountBackfillView.of(none, holder);
        }
        return DayCountBackfillView.of(doc.get(), holder);
    }

    /**
     * Starts a new run over every day from the oldest record to today (a run under way stops at its next
     * day, and this one counts its days again, which sets the same figures); begun at once if this instance
     * holds the lease, else by the instance that does within its interval.
     */
    public DayCountBackfillView request(String actor) {
        store.request(UUID.randomUUID().toString(), actor, now());
        task.wake();
        return state();
    }

    /** One round on the lease holder: decides at the first round whether the store needs it, then runs. */
    void round() {
        Optional<DayCountBackfillDocument> doc = store.current();
        if (doc.isEmpty()) {
            store.recordFirst(firstState());
            doc = store.current();
        }
        if (doc.isPresent()
                && !doc.get().pullsCounted
                && (doc.get().state == BackfillState.NOT_NEEDED || doc.get().state == BackfillState.DONE)) {
            // A state recorded by a release that counted no pulls: the feed's history is counted by a run of
            // its own that touches no other count, unless the feed began counted.
            if (records.pullsUncounted()) {
                LOG.info("The feed holds pulls from before they were counted per day: backfilling them");
                store.request(UUID.randomUUID().toString(), "system", now(), true);
            } else {
                store.pullsCounted(doc.get(), now());
            }
            doc = store.current();
        }
        if (doc.isPresent() && (doc.get().state == BackfillState.QUEUED || doc.get().state == BackfillState.RUNNING)) {
            run(doc.get());
        }
    }

    /**
     * A store whose oldest record the live path did not count, and that has no day counts at all, was
     * upgraded from a release without them: its history is counted. Any other began with day counts.
     */
    private DayCountBackfillDocument firstState() {
        boolean history = records.decisionsOrComplaintsUncounted() || records.pullsUncounted();
        if (history && !records.anyDayCounts()) {
            LOG.info("The store holds submissions, complaints or pulls but no day counts: backfilling them");
            return DayCountBackfillStore.queued(UUID.randomUUID().toString(), "system", now());
        }
        DayCountBackfillDocument none = new DayCountBackfillDocument();
        none.id = DayCountBackfillDocument.ID;
        none.state = BackfillState.NOT_NEEDED;
        // A feed that began counted needs no run; one that did not (its oldest entry unmarked, while decisions
        // or complaints were counted already) is looked at by the next round.
        none.pullsCounted = !records.pullsUncounted();
        none.updatedAt = now();
        return none;
    }

    private void run(DayCountBackfillDocument doc) {
        String runId = doc.runId;
        if (doc.state == BackfillState.QUEUED) {
            if (!store.begin(
                    runId,
                    doc.pullsOnly,
                    records.estimatedCount(BackfillPhase.SUBMISSIONS),
                    records.estimatedCount(BackfillPhase.COMPLAINTS),
                    records.estimatedCount(BackfillPhase.PULLS),
                    now())) {
                return;
            }
            doc = store.current().orElseThrow();
        }
        long renewed = System.nanoTime();
        while (doc.phase != BackfillPhase.WRITING) {
            if (stopping) {
                return; // resumed at this page by the next holder
            }
            if (System.nanoTime() - renewed > RENEW_EVERY.toNanos()) {
                if (!leases.renew(LEASE)) {
                    LOG.infof("Day-count backfill %s: lease lost; its holder goes on", runId);
                    return;
                }
                renewed = System.nanoTime();
            }
            int size = config.backfillPageSize();
            DayTally.Page page;
            try {
                page = records.page(doc.phase, doc.after, size);
                store.keepPage(runId, doc.phase, doc.page, page.tally());
            } catch (RuntimeException e) {
                store.failed(runId, doc.phase + " after " + doc.after + ": " + e.getMessage(), now());
                throw e;
            }
            BackfillPhase next = page.read() < size ? BackfillPhase.values()[doc.phase.ordinal() + 1] : null;
            if (!store.walked(doc, page.lastId(), page.read(), page.counted(), next, now())) {
                return; // replaced by a new request, or recorded by another holder: it goes on
            }
            doc = store.current().orElseThrow();
        }
        DayTally decisions = store.walkedCounts(runId, BackfillPhase.SUBMISSIONS);
        DayTally complaintCounts = store.walkedCounts(runId, BackfillPhase.COMPLAINTS);
        DayTally pullCounts = store.walkedCounts(runId, BackfillPhase.PULLS);
        try {
            if (!doc.pullsOnly) {
                records.setBackfilled(BackfillPhase.SUBMISSIONS, decisions);
                records.setBackfilled(BackfillPhase.COMPLAINTS, complaintCounts);
            }
            records.setBackfilled(BackfillPhase.PULLS, pullCounts);
        } catch (RuntimeException e) {
            store.failed(runId, "writing the counts: " + e.getMessage(), now());
            throw e;
        }
        TreeSet<String> days = new TreeSet<>();
        decisions.counts().keySet().forEach(k -> days.add(k.day()));
        complaintCounts.counts().keySet().forEach(k -> days.add(k.day()));
        pullCounts.counts().keySet().forEach(k -> days.add(k.day()));
        Instant finished = now();
        DayCountBackfillDocument done = store.current().orElseThrow();
        if (!runId.equals(done.runId) || done.state != BackfillState.RUNNING) {
            return;
        }
        // Recorded before the run is marked done, so that whoever sees it done finds it in the trail; a holder
        // that resumes a run cut off between the two appends the same key again, which records it once.
        audit.append(new AuditEvent(
                "day-count-backfill:" + runId,
                finished,
                done.requestedBy,
                AuditAction.DAY_COUNTS_BACKFILLED,
                "dayCounts",
                null,
                new Document("runId", runId)
                        .append("days", days.size())
                        .append("firstDay", days.isEmpty() ? null : days.first())
                        .append("lastDay", days.isEmpty() ? null : days.last())
                        .append("submissions", done.submissions)
                        .append("complaints", done.complaints)
                        .append("pulls", done.pulls)
                        .append("pullsOnly", done.pullsOnly),
                null));
        if (store.finish(
                runId,
                days.size(),
                days.isEmpty() ? null : days.first(),
                days.isEmpty() ? null : days.last(),
                finished)) {
            LOG.infof(
                    "Day-count backfill %s done: %d submissions, %d complaints and %d pulls counted on %d days",
                    runId, done.submissions, done.complaints, done.pulls, days.size());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
