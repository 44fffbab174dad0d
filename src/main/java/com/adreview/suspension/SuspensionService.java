package com.adreview.suspension;

import com.adreview.api.ProblemException;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.engine.Category;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Suspends and lifts categories; each change reaches the audit trail through the suspension's outbox.
 * The one way into the suspensions for the other features: whether a category is suspended, and, for
 * the sweep that pulls a suspended category's live ads (enforcement), its rounds and its end.
 */
@ApplicationScoped
public class SuspensionService {

    private final SuspensionStore suspensions;
    private final SuspensionConfig config;
    private final SweepProgress progress;
    private final Event<SuspensionCreated> created;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public SuspensionService(
            SuspensionStore suspensions,
            SweepProgress progress,
            Event<SuspensionCreated> created,
            Outbox outbox,
            OutboxRelay relay,
            SuspensionConfig config,
            Clock clock) {
        this.config = config;
        this.suspensions = suspensions;
        this.progress = progress;
        this.created = created;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        relay.watch(SuspensionStore.COLLECTION);
    }

    /** Suspends the category; 409 when it already is. Its live ads are pulled in the background. */
    public SuspensionView suspend(SuspensionRequest request, String actor) {
        SuspensionDocument doc = new SuspensionDocument();
        doc.id = new ObjectId();
        doc.category = request.category();
        doc.activeKey = doc.category.name();
        doc.reason = request.reason();
        doc.createdAt = now();
        doc.createdBy = actor;
        doc.state = Suspension.State.ACTIVE;
        doc.sweep = Suspension.Sweep.RUNNING;
        doc.version = 1;
        Publication stored = Publication.of(new AuditEvent(
                "suspension-created:" + doc.id.toHexString(),
                doc.createdAt,
                actor,
                AuditAction.SUSPENSION_CREATED,
                subject(doc.id),
                null,
                new Document("category", doc.category.name())
                        .append("reason", doc.reason)
                        .append("state", doc.state.name()),
                null));
        doc.outbox = Outbox.initial(stored);
        try {
            suspensions.persist(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw ProblemException.conflict(doc.category + " is already suspended");
            }
            throw e;
        }
        forgetActive();
        outbox.publish(SuspensionStore.COLLECTION, doc.id, stored);
        created.fire(new SuspensionCreated(doc.toRecord()));
        return view(doc);
    }

    /** Lifts it: new submissions in the category are decided normally again; no past decision changes. */
    public SuspensionView lift(String id, String actor) {
        SuspensionDocument doc = find(id);
        Instant now = now();
        Publication lifted = Publication.of(new AuditEvent(
                "suspension-lifted:" + id,
                now,
                actor,
                AuditAction.SUSPENSION_LIFTED,
                subject(doc.id),
                new Document("state", Suspension.State.ACTIVE.name()),
                new Document("state", Suspension.State.LIFTED.name()),
                null));
        if (!suspensions.lift(doc.id, actor, now, lifted)) {
            throw ProblemException.conflict("Suspension " + id + " is not active");
        }
        forgetActive();
        outbox.publish(SuspensionStore.COLLECTION, doc.id, lifted);
        return view(find(id));
    }

    public SuspensionView get(String id) {
        return view(find(id));
    }

    public List<SuspensionView> newestFirst() {
        return suspensions.newestFirst().stream().map(this::view).toList();
    }

    /**
     * How long an intake that read the active suspensions may still store what it decided with them
     * ({@link SuspensionConfig#intakeSettle}): a sweep finishes only with a round begun this long after its
     * suspension began, and intake stores nothing it decided with suspensions read more than half of it ago.
     */
    public Duration intakeSettle() {
        return config.intakeSettle();
    }

    /** The categories suspended now. */
    public Set<Category> activeCategories() {
        return suspensions.activeCategories();
    }

    /**
     * The active suspensions as intake decides with them, and the time they are known as of: an intake
     * stores what it decided only within half of the intake settle of that time ({@link #intakeSettle}).
     *
     * @param categories the categories of the packages being decided
     */
    public record ForIntake(Set<Category> categories, Instant asOf) {}

    /** What this instance last read of the active suspensions, and when it sent that read. */
    private record Known(Set<Category> categories, Instant readAt) {}

    private final java.util.concurrent.atomic.AtomicReference<Known> known =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * The active suspensions for an intake deciding packages of these categories, without a store read for
     * nearly every one of them. What this instance read at most a tenth of the intake settle ago serves
     * when it suspends none of the categories: a suspension begun since is met by its sweep's last round
     * (begun a whole settle after it began), because intake stores only within half of the settle of the
     * time the suspensions are known as of ({@link #intakeSettle}); that holds for a suspension begun on
     * another instance as well. When it does suspend one of them, the store is read afresh, so a lift (here
     * or on another instance) is seen at once and no package is refused for a suspension that has ended.
     * A suspension or a lift made on this instance forgets what it read.
     *
     * @param categories the categories of the packages being decided
     * @param fresh read the store whatever this instance knows (an intake deciding again after a stall)
     */
    public ForIntake activeForIntake(java.util.Collection<Category> categories, boolean fresh) {
        Known k = known.get();
        if (fresh
                || k == null
                || Duration.between(k.readAt(), clock.instant()).compareTo(viewMaxAge()) > 0
                || categories.stream().anyMatch(k.categories()::contains)) {
            k = readActive();
        }
        return new ForIntake(k.categories(), k.readAt());
    }

    /** How old what this instance read of the active suspensions may be for intake: a tenth of the settle (1 s of the default 10 s), which leaves deciding the other four tenths of the half it has. */
    Duration viewMaxAge() {
        return config.intakeSettle().dividedBy(10);
    }

    private Known readActive() {
        Instant at = clock.instant();
        Known read = new Known(suspensions.activeCategories(), at);
        // The newest read stays (reads answered out of order must not put an older one back).
        known.accumulateAndGet(read, (old, next) -> old == null || !old.readAt().isAfter(next.readAt()) ? next : old);
        return read;
    }

    /** After a suspension or a lift here: the next intake on this instance reads the store. */
    private void forgetActive() {
        known.set(null);
    }

    public boolean isSuspended(Category category) {
        return suspensions.activeFor(category).isPresent();
    }

    /** Active suspensions whose sweep has live ads left to pull (or to look for). */
    public List<Suspension> unfinishedSweeps() {
        return suspensions.unfinishedSweeps().stream()
                .map(SuspensionDocument::toRecord)
                .toList();
    }

    /**
     * Begins round {@code to} of the sweep, if the sweep is still running and in round {@code from}, as
     * the caller read it: of planners racing for a round, one wins.
     */
    public boolean startRound(String id, int from, int to) {
        return suspensions.startRound(new ObjectId(id), from, to);
    }

    /** A round found no live ad left: the sweep is done, having pulled {@code pulled} in all. */
    public boolean finishSweep(String id, int round, long pulled, Map<String, Long> byInstance, Instant at) {
        return suspensions.finishSweep(new ObjectId(id), round, pulled, byInstance, at);
    }

    /** The suspension with its progress: while its sweep runs, the ads its finished work items pulled. */
    private SuspensionView view(SuspensionDocument d) {
        Suspension s = d.toRecord();
        if (s.sweep() == Suspension.Sweep.RUNNING) {
            Map<String, Long> byInstance = progress.pulledSoFar(s.id());
            return SuspensionView.of(
                    s, byInstance.values().stream().mapToLong(Long::longValue).sum(), byInstance);
        }
        return SuspensionView.of(s, s.pulled(), s.pulledByInstance());
    }

    private SuspensionDocument find(String id) {
        return suspensions.byId(id).orElseThrow(() -> ProblemException.notFound("No suspension with id " + id));
    }

    private static String subject(ObjectId id) {
        return "suspension:" + id.toHexString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
