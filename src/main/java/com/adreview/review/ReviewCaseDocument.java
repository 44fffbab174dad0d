package com.adreview.review;

import com.adreview.engine.Category;
import com.adreview.engine.SubmissionStatus;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A case in the review queue as stored. Changed only through version-guarded updates in
 * {@link ReviewStore}; never bound from a request.
 */
@MongoEntity(collection = "reviewCases")
public class ReviewCaseDocument {

    public ObjectId id;
    public ReviewKind kind;

    /** OPEN, CLAIMED or DONE as stored; a CLAIMED case whose lease has lapsed is treated as OPEN. */
    public ReviewState state;

    /**
     * The submission id while the case is open, something unique once it is closed: a unique index on
     * it allows one open case per submission.
     */
    public String openKey;

    public String submissionId;
    public String accountId;
    public String adId;
    public int revision;
    public Category category;

    /** Topics of the findings the case is about (the escalated ones, or the disputed ones). */
    public List<String> topics;

    /** The findings the case is about: the escalating decision's, or the disputed ones of an appeal. */
    public List<Document> findings;

    /** The status the submission must still have for a verdict to apply. */
    public SubmissionStatus expectedStatus;

    public Instant openedAt;
    public Instant dueAt;

    public String claimedBy;
    public Instant leaseExpiresAt;

    /** For an identity conflict: the identifiers held by other accounts, {kind, identifier, holder}. */
    public List<Document> conflicts;

    /** For an appeal: reason, evidence, disputed rule ids, when it was filed. */
    public Document appeal;

    /** How the case closed: outcome, reason, reviewer, time, added and dismissed findings, resulting status. */
    public Document resolution;

    /**
     * Set when a verdict is recorded that changes the submission, cleared once the change is made;
     * a case left with it set by a crash is finished at start-up.
     */
    public boolean effectPending;

    /** The submission's version the verdict was made against. */
    public long submissionVersion;

    /** Everything that happened to the case, oldest first. */
    public List<Document> history;

    /** Publications (audit events) of writes to this case not yet published. */
    public List<Document> outbox;

    /** Optimistic-concurrency counter, incremented by every update. */
    public long version;
}
