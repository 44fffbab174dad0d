package com.adreview.simulation;

import com.adreview.api.ProblemException;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Finding;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.SubmissionStatus;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.adreview.policy.DecisionObserver;
import com.adreview.store.DocumentMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * The shadow pack: a candidate installed by an admin, which decides every package the pack in force
 * decides, in the same context, and changes nothing — its decision is compared, never used.
 *
 * <p>Shared by every instance through the store alone: the installation is one document naming the
 * candidate (whose files are kept by version, as a simulation's are). Each instance reads it every
 * {@code adreview.shadow-refresh} and compiles the candidate once when it changes, so an installation
 * reaches all instances within that time without any message between them (the store has no change
 * streams to rely on, and a shadow that starts deciding a few seconds later on one instance loses
 * nothing but those seconds' comparisons). The request path only puts the decision on this instance's
 * shadow queue (bounded; no thread is woken, which on a virtual machine costs more than the handoff
 * itself): one worker thread takes what is queued every {@link #POLL} while a shadow is installed, the
 * candidate decides, and the two decisions are compared and counted in memory there, so a decision with a
 * shadow installed takes about as long as one without. A decision the queue has no room for is counted as
 * not compared rather than slow the request. Each instance adds its counts and samples to the installation with one guarded $inc per
 * refresh, so intake makes no extra write. Counts of an instance that dies
 * between two refreshes are lost (at most that interval's); counts meant for an earlier installation
 * are not added to a later one.
 */
@ApplicationScoped
public class ShadowService implements DecisionObserver {

    private static final Logger LOG = Logger.getLogger(ShadowService.class);

    /** How often the worker looks at the queue while a shadow is installed (it sleeps longer without). */
    static final Duration POLL = Duration.ofMillis(1);

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** One decision waiting for the shadow: what the pack in force decided, and in which context. */
    private record Pending(
            Active active, AdPackage ad, EvaluationContext context, SubmissionStatus current, Decision decision) {}

    /** The installation this instance decides with, compiled. */
    record Active(ObjectId installation, PolicyPack pack) {}

    private final ShadowStore shadows;
    private final ShadowAdStore samples;
    private final CandidatePacks candidates;
    private final Outbox outbox;
    private final DocumentMapper documents;
    private final SimulationConfig config;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final DecisionEngine engine = new DecisionEngine();
    private final Semaphore wakeUps = new Semaphore(0);
    /**
     * Held while the installation is read or written with the choice of {@link #active} that follows, so
     * a refresh that read the store just before an install cannot set back what the install set.
     */
    private final Object installing = new Object();
    /** Decisions waiting for the worker, in the order they were made (bounded by {@link #pending}). */
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Decisions queued and not compared yet. */
    private final AtomicInteger pending = new AtomicInteger();

    /** Held while a flush takes the counts and writes them ({@link #flush}). */
    private final Object flushing = new Object();
    /** One thread: comparisons are counted in the order decisions were made. */
    private final Thread worker;

    private volatile Active active;
    private volatile boolean running;

    // What this instance saw since its last flush, for the installation it saw it under.
    private ObjectId seenFor;
    private Tally seen = new Tally();
    private long notCompared;
    private List<ShadowAdDocument> seenSamples = new ArrayList<>();

    ShadowService(
            ShadowStore shadows,
            ShadowAdStore samples,
            CandidatePacks candidates,
            Outbox outbox,
            DocumentMapper documents,
            SimulationConfig config,
            ManagedExecutor executor,
            Clock clock) {
        this.shadows = shadows;
        this.samples = samples;
        this.candidates = candidates;
        this.outbox = outbox;
        this.documents = documents;
        this.config = config;
        this.executor = executor;
        this.clock = clock;
        this.worker = new Thread(this::work, "policy-shadow");
        this.worker.setDaemon(true);
        this.running = true;
        this.worker.start();
    }

    void onStart(@Observes StartupEvent event, OutboxRelay relay) {
        relay.watch(ShadowStore.COLLECTION);
        refresh();
        executor.runAsync(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUps.release();
        LockSupport.unpark(worker);
    }

    /** Queues the decision for the shadow worker, if a shadow is installed; never waits, never wakes a thread. */
    @Override
    public void decided(AdPackage ad, EvaluationContext context, SubmissionStatus current, Decision decision) {
        Active a = active;
        if (a == null) {
            return;
        }
        if (pending.incrementAndGet() > config.shadowQueue()) {
            pending.decrementAndGet();
            notCompared(a);
            return;
        }
        queue.add(new Pending(a, ad, context, current, decision));
    }

    /** The worker: takes what is queued, in order, every {@link #POLL} while a shadow is installed. */
    private void work() {
        while (running) {
            Pending p;
            while ((p = queue.poll()) != null) {
                try {
                    compare(p.active(), p.ad(), p.context(), p.current(), p.decision());
                } catch (RuntimeException e) {
                    LOG.warnf(e, "The shadow pack could not decide %s; not compared", p.ad().adId());
                    notCompared(p.active());
                } finally {
                    pending.decrementAndGet();
                }
            }
            LockSupport.parkNanos(active == null ? IDLE_NANOS : POLL.toNanos());
        }
    }

    /** The candidate decides the package in the same context; the two decisions are compared and counted. */
    void compare(Active a, AdPackage ad, EvaluationContext context, SubmissionStatus current, Decision decision) {
        Decision shadow = engine.evaluate(ad, context, a.pack());
        Comparison c = Comparison.of(ad.category(), current, decision, shadow);
        synchronized (this) {
            switchTo(a.installation());
            seen.add(c);
            if (c.affected() && seenSamples.size() < config.shadowMaxSamples()) {
                seenSamples.add(sample(a.installation(), ad, context.now(), c));
            }
        }
    }

    private synchronized void notCompared(Active a) {
        switchTo(a.installation());
        notCompared++;
    }

    /** Decisions compared on this instance since its last flush (for tests). */
    synchronized long comparedSinceFlush() {
        return seen.decided;
    }

    /** Decisions not compared on this instance since its last flush: its queue was full (for tests). */
    synchronized long notComparedSinceFlush() {
        return notCompared;
    }

    /** What is counted in memory is for one installation: another one starts from nothing. */
    private void switchTo(ObjectId installation) {
        if (!installation.equals(seenFor)) {
            seenFor = installation;
            seen = new Tally();
            seenSamples = new ArrayList<>();
            notCompared = 0;
        }
    }

    /**
     * Waits until the decisions handed to the worker so far on this instance are compared, at most
     * {@code timeout}; whether they were. A summary read right after some decisions counts them.
     */
    boolean awaitCompared(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (pending.get() > 0) {
            LockSupport.unpark(worker); // rather than wait for its next look
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS; // a few decisions' time: spin, then sleep
        while (pending.get() > 0) {
            long now = System.nanoTime();
            if (now > deadline) {
                return false;
            }
            if (now < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(200_000);
            }
        }
        return true;
    }

    /** Installs the candidate as the shadow (replacing any), after the strict loader accepted it (else 422). */
    public ShadowView install(byte[] archive, String actor) {
        Instant now = now();
        PolicyPack candidate = candidates.receive(archive, actor, now);
        Optional<ShadowDocument> replaced = shadows.current(); // in place, or removed and still shown
        Optional<ShadowDocument> before = replaced.filter(s -> s.removedAt == null);
        ShadowDocument doc = new ShadowDocument();
        doc.installation = new ObjectId();
        doc.candidateVersion = candidate.version();
        doc.candidateName = candidate.name();
        doc.installedBy = actor;
        doc.installedAt = now;
        doc.tally = new Tally();
        Publication installed = Publication.of(new AuditEvent(
                "policy-shadow-installed:" + doc.installation.toHexString(),
                now,
                actor,
                AuditAction.POLICY_SHADOW_INSTALLED,
                "policyShadow",
                before.map(b -> new Document("candidateVersion", b.candidateVersion))
                        .orElse(null),
                new Document("candidateVersion", candidate.version())
                        .append("candidateName", candidate.name())
                        .append("installation", doc.installation.toHexString()),
                null));
        doc.outbox = Outbox.initial(installed);
        synchronized (installing) {
            shadows.install(doc);
            use(doc.installation, candidate); // this instance at once; the others at their refresh
        }
        outbox.publish(ShadowStore.COLLECTION, ShadowStore.ID, installed);
        // The installation replaced (in place or removed) is shown no more: its samples go with it.
        replaced.ifPresent(r -> samples.forget(r.installation));
        return view(doc);
    }

    /** Removes the shadow: no instance decides with it after its next refresh. 404 when none is installed. */
    public ShadowView remove(String actor) {
        ShadowDocument doc = installed();
        Instant now = now();
        Publication removed = Publication.of(new AuditEvent(
                "policy-shadow-removed:" + doc.installation.toHexString(),
                now,
                actor,
                AuditAction.POLICY_SHADOW_REMOVED,
                "policyShadow",
                new Document("candidateVersion", doc.candidateVersion)
                        .append("installation", doc.installation.toHexString()),
                null,
                null));
        awaitCompared(Duration.ofSeconds(2));
        flush(); // this instance's counts go in before the counts are final
        synchronized (installing) {
            if (!shadows.remove(doc.installation, actor, now, removed)) {
                throw ProblemException.conflict("The shadow was removed or replaced meanwhile");
            }
            active = null;
        }
        outbox.publish(ShadowStore.COLLECTION, ShadowStore.ID, removed);
        return view(shadows.current().orElseThrow());
    }

    /** The shadow installed now (or the last one, removed, with its final counts); 404 when none ever was. */
    public ShadowView summary() {
        return latest().orElseThrow(() -> ProblemException.notFound("No shadow pack was installed"));
    }

    /** The shadow installed now, or the last one removed with its final counts; empty when none ever was. */
    public Optional<ShadowView> latest() {
        awaitCompared(Duration.ofSeconds(2));
        flush();
        return shadows.current().map(this::view);
    }

    private ShadowDocument installed() {
        return shadows.current()
                .filter(s -> s.removedAt == null)
                .orElseThrow(() -> ProblemException.notFound("No shadow pack is installed"));
    }

    private void loop() {
        while (running) {
            try {
                flush();
                refresh();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Shadow pack refresh failed; retrying in %s", config.shadowRefresh());
            }
            try {
                wakeUps.tryAcquire(config.shadowRefresh().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Decides with the installation in the store from now on (compiling its candidate once), or with none. */
    void refresh() {
        synchronized (installing) {
            ShadowDocument doc =
                    shadows.current().filter(s -> s.removedAt == null).orElse(null);
            Active a = active;
            if (doc == null) {
                active = null;
                return;
            }
            if (a != null && a.installation().equals(doc.installation)) {
                return;
            }
            Optional<PolicyPack> pack = candidates.byVersion(doc.candidateVersion);
            if (pack.isEmpty()) {
                LOG.warnf("Shadow candidate %s is not kept; no shadow here", doc.candidateVersion);
                active = null;
                return;
            }
            use(doc.installation, pack.get());
            LOG.infof("Shadow pack %s (%s) deciding on this instance", doc.candidateVersion, doc.candidateName);
        }
    }

    /** From now on every decision is also made under this installation's candidate, on this instance. */
    void use(ObjectId installation, PolicyPack candidate) {
        active = new Active(installation, candidate);
        LockSupport.unpark(worker); // from sleeping idle to looking every POLL
    }

    /**
     * Adds what this instance saw to the installation's counts and samples (the store is written outside
     * the lock the decisions take). One flush at a time: a summary's flush that finds the counts already
     * taken by the refresh loop's waits until that flush has written them, or the summary read after it
     * would miss them.
     */
    void flush() {
        synchronized (flushing) {
            flushNow();
        }
    }

    private void flushNow() {
        ObjectId installation;
        Tally counts;
        List<ShadowAdDocument> kept;
        long skipped;
        synchronized (this) {
            if (seenFor == null || (seen.decided == 0 && notCompared == 0)) {
                return;
            }
            installation = seenFor;
            counts = seen;
            kept = seenSamples;
            skipped = notCompared;
            seen = new Tally();
            seenSamples = new ArrayList<>();
            notCompared = 0;
        }
        ShadowDocument doc = shadows.current().orElse(null);
        long room = doc == null ? 0 : Math.max(0, config.shadowMaxSamples() - doc.sampled);
        List<ShadowAdDocument> stored = kept.subList(0, (int) Math.min(room, kept.size()));
        if (shadows.add(installation, counts, stored.size(), skipped)) {
            samples.insertAll(stored);
        }
    }

    private ShadowAdDocument sample(ObjectId installation, AdPackage ad, Instant at, Comparison c) {
        ShadowAdDocument d = new ShadowAdDocument();
        d.id = new ObjectId();
        d.installation = installation;
        d.decidedAt = at;
        d.accountId = ad.advertiser() == null ? null : ad.advertiser().accountId();
        d.adId = ad.adId();
        d.category = ad.category();
        d.from = c.from();
        d.to = c.to();
        d.appearing = c.appearing().stream().map(documents::toDocument).toList();
        d.disappearing = c.disappearing().stream().map(documents::toDocument).toList();
        return d;
    }

    private ShadowView view(ShadowDocument d) {
        return new ShadowView(
                new SimulationView.PackRef(d.candidateVersion, d.candidateName),
                d.installedBy,
                d.installedAt,
                d.removedAt,
                d.removedBy,
                SimulationService.summary(d.tally == null ? new Tally() : d.tally),
                d.notCompared,
                samples.newest(d.installation, 20).stream()
                        .map(s -> new ShadowView.Sample(
                                s.decidedAt,
                                s.accountId,
                                s.adId,
                                s.category,
                                s.from,
                                s.to,
                                findings(s.appearing),
                                findings(s.disappearing)))
                        .toList());
    }

    private List<Finding> findings(List<Document> stored) {
        return stored == null
                ? List.of()
                : stored.stream()
                        .map(f -> documents.fromDocument(f, Finding.class))
                        .toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
