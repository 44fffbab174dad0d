package com.adreview.review;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.adreview.api.PageRequest;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Review cases in MongoDB. Every change is one update guarded by the case's version (and state), so
 * two reviewers racing for a case, or two verdicts racing each other, leave exactly one winner.
 */
@ApplicationScoped
class ReviewStore implements PanacheMongoRepositoryBase<ReviewCaseDocument, ObjectId> {

    public static final String COLLECTION = "reviewCases";

    private final Outbox outbox;
    private final OutboxRelay relay;

    public ReviewStore(Outbox outbox, OutboxRelay relay) {
        this.outbox = outbox;
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        relay.watch(COLLECTION);
        var c = mongoCollection();
        c.createIndex(
                Indexes.ascending("openKey"), new IndexOptions().unique(true).name("one_open_case_per_submission"));
        c.createIndex(Indexes.ascending("state", "openedAt", "_id"), new IndexOptions().name("queue"));
        c.createIndex(Indexes.ascending("submissionId"));
        c.createIndex(Indexes.ascending("accountId", "adId"));
    }

    /** Stores a new open case; empty when the submission already has an open case. */
    public Optional<ReviewCaseDocument> insertOpen(ReviewCaseDocument doc) {
        doc.id = new ObjectId();
        doc.state = ReviewState.OPEN;
        doc.openKey = doc.submissionId;
        doc.version = 1;
        Document opened = doc.history.get(doc.history.size() - 1);
        Publication publication = publication(
                doc.id,
                null,
                doc.version,
                opened,
                doc.appeal == null ? AuditAction.REVIEW_OPENED : AuditAction.APPEAL_FILED);
        doc.outbox = Outbox.initial(publication);
        try {
            persist(doc);
            outbox.publish(COLLECTION, doc.id, publication);
            return Optional.of(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<ReviewCaseDocument> byId(String id) {
        return ObjectId.isValid(id) ? findByIdOptional(new ObjectId(id)) : Optional.empty();
    }

    /** The case open on a submission, if any. */
    public Optional<ReviewCaseDocument> openFor(String submissionId) {
        return Optional.ofNullable(
                mongoCollection().find(eq("openKey", submissionId)).first());
    }

    /** The cases open on any of the submissions: one index lookup for a batch. */
    public List<ReviewCaseDocument> openForAny(java.util.Collection<String> submissionIds) {
        return mongoCollection()
                .find(com.mongodb.client.model.Filters.in("openKey", new ArrayList<>(submissionIds)))
                .into(new ArrayList<>());
    }

    /** Open cases on revisions of the ad other than the given one. */
    public List<ReviewCaseDocument> openOnEarlierRevisions(String accountId, String adId, int revision) {
        return mongoCollection()
                .find(and(
                        eq("accountId", accountId),
                        eq("adId", adId),
                        ne("state", ReviewState.DONE.name()),
                        lt("revision", revision)))
                .into(new ArrayList<>());
    }

    /** An oldest-first page of the queue; one more than asked is read to know whether another page follows. */
    public List<ReviewCaseDocument> page(ReviewQuery query, Instant now, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        Date at = Date.from(now);
        if (query.state() != null) {
            filters.add(
                    switch (query.state()) {
                        case OPEN -> or(
                                eq("state", ReviewState.OPEN.name()),
                                and(eq("state", ReviewState.CLAIMED.name()), lte("leaseExpiresAt", at)));
                        case CLAIMED -> and(eq("state", ReviewState.CLAIMED.name()), gt("leaseExpiresAt", at));
                        case DONE -> eq("state", ReviewState.DONE.name());
                    });
        }
        if (query.kind() != null) {
            filters.add(eq("kind", query.kind().name()));
        }
        addIfPresent(filters, "category", query.category());
        addIfPresent(filters, "topics", query.topic()); // matches when the list holds it
        addIfPresent(filters, "submissionId", query.submissionId());
        addIfPresent(filters, "accountId", query.accountId());
        if (Boolean.TRUE.equals(query.overdue())) {
            filters.add(and(ne("state", ReviewState.DONE.name()), lt("dueAt", at)));
        } else if (Boolean.FALSE.equals(query.overdue())) {
            filters.add(or(eq("state", ReviewState.DONE.name()), gte("dueAt", at)));
        }
        if (page.after() != null) {
            Date after = Date.from(page.after());
            ObjectId afterId = new ObjectId(page.afterId());
            filters.add(or(gt("openedAt", after), and(eq("openedAt", after), gt("_id", afterId))));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        return mongoCollection()
                .find(filter)
                .sort(Sorts.ascending("openedAt", "_id"))
                .limit(page.limit() + 1)
                .into(new ArrayList<>());
    }

    /** Gives the reviewer a lease on the case, if it is still as read. */
    public boolean claim(ReviewCaseDocument read, String reviewer, Instant now, Instant until) {
        return update(
                read,
                ne("state", ReviewState.DONE.name()),
                event(now, reviewer, "CLAIMED", "lease until " + until),
                Updates.set("state", ReviewState.CLAIMED.name()),
                Updates.set("claimedBy", reviewer),
                Updates.set("leaseExpiresAt", until));
    }

    /** Returns the case to the queue, if it is still as read. */
    public boolean release(ReviewCaseDocument read, String reviewer, Instant now) {
        return update(
                read,
                eq("state", ReviewState.CLAIMED.name()),
                event(now, reviewer, "RELEASED", null),
                Updates.set("state", ReviewState.OPEN.name()),
                Updates.unset("claimedBy"),
                Updates.unset("leaseExpiresAt"));
    }

    /**
     * Records the lease holder's verdict and closes the case, if it is still as read and still theirs.
     *
     * @param effectPending whether the verdict changes the submission (done next, then {@link #effectDone})
     */
    public boolean resolve(
            ReviewCaseDocument read,
            String reviewer,
            Document resolution,
            boolean effectPending,
            long submissionVersion,
            Instant now) {
        return update(
                read,
                and(
                        eq("state", ReviewState.CLAIMED.name()),
                        eq("claimedBy", reviewer),
                        gt("leaseExpiresAt", Date.from(now))),
                event(now, reviewer, "DECIDED", resolution.getString("outcome")),
                Updates.set("state", ReviewState.DONE.name()),
                Updates.set("openKey", "closed:" + read.id.toHexString()),
                Updates.set("resolution", resolution),
                Updates.set("effectPending", effectPending),
                Updates.set("submissionVersion", submissionVersion),
                Updates.unset("leaseExpiresAt"));
    }

    /** Closes a case that became moot (superseded, obsolete), if it is still open as read. */
    public boolean closeMoot(ReviewCaseDocument read, Document resolution, Instant now) {
        return update(
                read,
                ne("state", ReviewState.DONE.name()),
                event(now, "system", "CLOSED", resolution.getString("reason")),
                Updates.set("state", ReviewState.DONE.name()),
                Updates.set("openKey", "closed:" + read.id.toHexString()),
                Updates.set("resolution", resolution),
                Updates.unset("leaseExpiresAt"));
    }

    /** The verdict's change of the submission is made. */
    public void effectDone(ObjectId id) {
        mongoCollection()
                .updateOne(
                        and(eq("_id", id), eq("effectPending", true)),
                        Updates.combine(Updates.set("effectPending", false), Updates.inc("version", 1L)));
    }

    /**
     * Undoes a verdict whose change of the submission could not be made (the submission changed in
     * between): the case is the reviewer's again, to decide on what the submission is now.
     */
    public boolean reopen(ReviewCaseDocument decided, String note, Instant now, Instant leaseUntil) {
        try {
            return update(
                    decided,
                    eq("effectPending", true),
                    event(now, "system", "REOPENED", note),
                    Updates.set("state", ReviewState.CLAIMED.name()),
                    Updates.set("openKey", decided.submissionId),
                    Updates.set("leaseExpiresAt", leaseUntil),
                    Updates.set("effectPending", false),
                    Updates.unset("resolution"));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another case opened on the submission meanwhile; this one stays decided but without effect.
            Document notApplied = event(now, "system", "NOT_APPLIED", note);
            Publication publication = publication(
                    decided.id, decided.state, decided.version + 1, notApplied, AuditAction.REVIEW_NOT_APPLIED);
            mongoCollection()
                    .updateOne(
                            eq("_id", decided.id),
                            Updates.combine(
                                    Updates.set("effectPending", false),
                                    Updates.set("resolution.applied", false),
                                    Updates.push("history", notApplied),
                                    Outbox.add(publication),
                                    Updates.inc("version", 1L)));
            outbox.publish(COLLECTION, decided.id, publication);
            return false;
        }
    }

    /** Decided cases whose change of the submission was interrupted. */
    public List<ReviewCaseDocument> withPendingEffect() {
        return mongoCollection().find(eq("effectPending", true)).into(new ArrayList<>());
    }

    /**
     * One guarded change of a case, recorded in its history and, through the outbox, in the audit
     * trail.
     */
    private boolean update(ReviewCaseDocument read, Bson guard, Document historyEvent, Bson... changes) {
        Publication publication = publication(
                read.id,
                read.state,
                read.version + 1,
                historyEvent,
                AuditAction.valueOf("REVIEW_" + historyEvent.getString("action")));
        List<Bson> all = new ArrayList<>(List.of(changes));
        all.add(Updates.push("history", historyEvent));
        all.add(Outbox.add(publication));
        all.add(Updates.inc("version", 1L));
        boolean made = mongoCollection()
                        .updateOne(and(eq("_id", read.id), eq("version", read.version), guard), Updates.combine(all))
                        .getModifiedCount()
                == 1;
        if (made) {
            outbox.publish(COLLECTION, read.id, publication);
        }
        return made;
    }

    /** The audit event of a case's history event: who did what to the case, from which state. */
    private static Publication publication(
            ObjectId caseId, ReviewState stateBefore, long versionAfter, Document historyEvent, AuditAction action) {
        String actor = historyEvent.getString("actor");
        Document after = new Document("action", historyEvent.getString("action")).append("version", versionAfter);
        if (historyEvent.getString("detail") != null) {
            after.append("detail", historyEvent.getString("detail"));
        }
        return Publication.of(new AuditEvent(
                "review:" + caseId.toHexString() + ":" + versionAfter,
                historyEvent.getDate("at").toInstant(),
                "system".equals(actor) || actor.contains(":") ? actor : "user:" + actor,
                action,
                "review:" + caseId.toHexString(),
                stateBefore == null ? null : new Document("state", stateBefore.name()),
                after,
                null));
    }

    static Document event(Instant at, String actor, String action, String detail) {
        Document d = new Document("at", Date.from(at)).append("actor", actor).append("action", action);
        if (detail != null) {
            d.append("detail", detail);
        }
        return d;
    }

    private static void addIfPresent(List<Bson> filters, String field, String value) {
        if (value != null) {
            filters.add(eq(field, value));
        }
    }

    /** The cases not yet decided (open or claimed), by the state index: kind, state, opened and due. */
    public List<ReviewCaseDocument> undecided() {
        return mongoCollection()
                .find(com.mongodb.client.model.Filters.in(
                        "state", List.of(ReviewState.OPEN.name(), ReviewState.CLAIMED.name())))
                .projection(com.mongodb.client.model.Projections.include("kind", "state", "openedAt", "dueAt"))
                .into(new java.util.ArrayList<>());
    }
}
