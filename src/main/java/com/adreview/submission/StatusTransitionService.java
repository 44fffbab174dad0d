package com.adreview.submission;

import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.engine.Finding;
import com.adreview.engine.SubmissionStatus;
import com.adreview.feed.AdChange;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.adreview.store.DocumentMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Changes submissions' status the one way every actor does (automatic pulls, suspension sweeps,
 * reviewers, appeals): a version-guarded update per submission that also puts the change's audit
 * event and feed entry in the submission's outbox, then publishes them. A batch goes in as one bulk
 * write, so a sweep pays one round trip per batch, not per ad.
 */
@ApplicationScoped
public class StatusTransitionService {

    /** A status change's audit and feed key: this, then the change's id. */
    private static final String KEY_PREFIX = "status:";

    private final SubmissionStore store;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DocumentMapper documents;
    private final Event<SubmissionsChanged> changed;

    public StatusTransitionService(
            SubmissionStore store,
            Outbox outbox,
            OutboxRelay relay,
            DocumentMapper documents,
            Event<SubmissionsChanged> changed) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.documents = documents;
        this.changed = changed;
    }

    void onStart(@Observes StartupEvent event) {
        relay.watch(SubmissionStore.COLLECTION);
    }

    /** A change to make if the submission is still in the status and at the version it was read with. */
    public record Transition(Submission expected, StatusChange change, String actor) {}

    /**
     * Makes the change if the submission is still as it was read.
     *
     * @return false when something else changed it first; the caller reads it again and decides anew
     */
    public boolean apply(Submission expected, StatusChange change, String actor) {
        return !applyAll(List.of(new Transition(expected, change, actor))).isEmpty();
    }

    /** Makes every change whose submission is still as read; returns those made, in the given order. */
    public List<Transition> applyAll(List<Transition> transitions) {
        return apply(transitions, null);
    }

    /**
     * Where a large batch keeps its publications instead of in each submission's outbox: clearing a
     * thousand outboxes would write every submission of the batch a second time. They are recorded
     * before any change is made, so a crash between the changes and their publication leaves them
     * where {@link #publishMade} can find which were made.
     */
    @FunctionalInterface
    public interface Intents {
        void record(List<Publication> publications);
    }

    /** Like {@link #applyAll(List)}, for a batch whose publications its caller keeps as intents. */
    public List<Transition> applyAll(List<Transition> transitions, Intents intents) {
        return apply(transitions, intents);
    }

    private List<Transition> apply(List<Transition> transitions, Intents intents) {
        if (transitions.isEmpty()) {
            return List.of();
        }
        List<SubmissionStore.GuardedChange> updates = new ArrayList<>(transitions.size());
        List<Publication> publications = new ArrayList<>(transitions.size());
        for (Transition t : transitions) {
            Publication publication = publication(t);
            publications.add(publication);
            updates.add(new SubmissionStore.GuardedChange(
                    t.expected().document(),
                    t.change().to().name(),
                    stored(t.change()),
                    t.change().at(),
                    intents == null ? publication : null,
                    // A person putting the ad live: later automatic re-evaluations respect what they saw.
                    t.change().actor() != null && t.change().to() == SubmissionStatus.APPROVED));
        }
        if (intents != null) {
            intents.record(publications);
        }
        long made = store.changeStatusAll(updates);
        List<Transition> done = new ArrayList<>(transitions.size());
        List<Outbox.Pending> pending = new ArrayList<>(transitions.size());
        Set<String> applied = made == transitions.size()
                ? null
                : appliedChangeIds(transitions.stream()
                        .map(t -> t.expected().document().id)
                        .toList());
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            if (applied == null || applied.contains(t.change().changeId())) {
                done.add(t);
                pending.add(new Outbox.Pending(t.expected().document().id, publications.get(i)));
            }
        }
        if (intents == null) {
            outbox.publishAll(SubmissionStore.COLLECTION, pending);
        } else {
            outbox.publish(pending.stream().map(Outbox.Pending::publication).toList());
        }
        if (!done.isEmpty()) {
            changed.fire(new SubmissionsChanged(done.stream()
                    .map(t -> new SubmissionsChanged.Changed(t.expected().id(), t.change()))
                    .toList()));
        }
        return done;
    }

    /**
     * After a crash: publishes the intents whose changes were made (their change is in the submission),
     * and drops the others, which never happened.
     *
     * @return how many were published
     */
    public int publishMade(List<Publication> intents) {
        List<Object> ids = new ArrayList<>(intents.size());
        for (Publication p : intents) {
            ids.add(new org.bson.types.ObjectId(p.change().submissionId()));
        }
        Set<String> applied = appliedChangeIds(ids);
        List<Publication> made = intents.stream()
                .filter(p -> applied.contains(p.key().substring(KEY_PREFIX.length())))
                .toList();
        outbox.publish(made);
        return made.size();
    }

    /** Which of the changes are now in their submissions: only asked when some guard did not hold. */
    private Set<String> appliedChangeIds(List<?> ids) {
        return store.appliedChangeIds(ids);
    }

    private Publication publication(Transition t) {
        SubmissionDocument s = t.expected().document();
        StatusChange c = t.change();
        String id = s.id.toHexString();
        Document before = new Document("status", c.from().name()).append("version", s.version);
        Document after = new Document("status", c.to().name())
                .append("version", s.version + 1)
                .append("cause", c.cause());
        putIfPresent(after, "complaintId", c.complaintId());
        putIfPresent(after, "suspensionId", c.suspensionId());
        putIfPresent(after, "caseId", c.caseId());
        putIfPresent(after, "reason", c.reason());
        if (c.decision() != null) {
            List<Document> findings = new ArrayList<>();
            for (Finding f : c.decision().findings()) {
                findings.add(new Document("ruleId", f.ruleId())
                        .append("topic", f.topic() == null ? null : f.topic().name())
                        .append("outcome", f.outcome().name()));
            }
            after.append("findings", findings);
        }
        AuditEvent event = new AuditEvent(
                KEY_PREFIX + c.changeId(),
                c.at(),
                t.actor(),
                AuditAction.STATUS_CHANGED,
                "submission:" + id,
                before,
                after,
                c.decision() == null ? null : c.decision().policyVersion());
        AdChange feedEntry = AdChange.of(
                c.at(), id, s.adId, s.accountId, s.revision, c.from().name(), c.to().name(), c.cause());
        return new Publication(event, feedEntry);
    }

    private static void putIfPresent(Document d, String field, Object value) {
        if (value != null) {
            d.append(field, value);
        }
    }

    private Document stored(StatusChange change) {
        return documents.toDocument(change);
    }
}
