package com.adreview.enforcement;

import com.adreview.api.ProblemException;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.adreview.suspension.SuspensionDocument;
import com.adreview.suspension.SuspensionRequest;
import com.adreview.suspension.SuspensionStore;
import com.adreview.suspension.SuspensionView;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Suspends and lifts categories; each change reaches the audit trail through the suspension's outbox. */
@ApplicationScoped
public class SuspensionService {

    private final SuspensionStore suspensions;
    private final SweepChunks chunks;
    private final SuspensionSweeper sweeper;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public SuspensionService(
            SuspensionStore suspensions,
            SweepChunks chunks,
            SuspensionSweeper sweeper,
            Outbox outbox,
            OutboxRelay relay,
            Clock clock) {
        this.suspensions = suspensions;
        this.chunks = chunks;
        this.sweeper = sweeper;
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
        doc.category = request.category().name();
        doc.activeKey = doc.category;
        doc.reason = request.reason();
        doc.createdAt = now();
        doc.createdBy = actor;
        doc.state = SuspensionStore.ACTIVE;
        doc.sweep = SuspensionStore.RUNNING;
        doc.version = 1;
        Publication created = Publication.of(new AuditEvent(
                "suspension-created:" + doc.id.toHexString(),
                doc.createdAt,
                actor,
                AuditAction.SUSPENSION_CREATED,
                subject(doc.id),
                null,
                new Document("category", doc.category)
                        .append("reason", doc.reason)
                        .append("state", doc.state),
                null));
        doc.outbox = Outbox.initial(created);
        try {
            suspensions.persist(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw ProblemException.conflict(doc.category + " is already suspended");
            }
            throw e;
        }
        outbox.publish(SuspensionStore.COLLECTION, doc.id, created);
        sweeper.wake();
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
                new Document("state", SuspensionStore.ACTIVE),
                new Document("state", SuspensionStore.LIFTED),
                null));
        if (!suspensions.lift(doc.id, actor, now, lifted)) {
            throw ProblemException.conflict("Suspension " + id + " is not active");
        }
        outbox.publish(SuspensionStore.COLLECTION, doc.id, lifted);
        return view(find(id));
    }

    public SuspensionView get(String id) {
        return view(find(id));
    }

    public List<SuspensionView> newestFirst() {
        return suspensions.newestFirst().stream().map(this::view).toList();
    }

    /** The suspension with its progress: while its sweep runs, the ads its finished work items pulled. */
    private SuspensionView view(SuspensionDocument d) {
        if (SuspensionStore.RUNNING.equals(d.sweep)) {
            Map<String, Long> byInstance = chunks.pulledSoFar(d.id);
            return SuspensionView.of(
                    d, byInstance.values().stream().mapToLong(Long::longValue).sum(), byInstance);
        }
        return SuspensionView.of(d, d.pulled, d.pulledByInstance == null ? Map.of() : d.pulledByInstance);
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
