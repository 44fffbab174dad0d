package com.adreview.submission;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Category;
import com.adreview.engine.Decision;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.SubmissionStatus;
import com.adreview.store.DocumentMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A stored revision of an ad as the other features act on it (re-decisions, pulls, reviews, entity
 * views): what they read of it, never the stored document. A read may take only part of a submission —
 * a sweep of a hundred thousand ads reads no decisions or histories — and what it did not read is null
 * here. The package, the decision and the history are converted on first demand, once.
 *
 * <p>A snapshot: it keeps the {@link #version()} it was read at, which a change of status is guarded by
 * ({@link StatusTransitionService}).
 */
public final class Submission {

    private final SubmissionDocument doc;
    private final DocumentMapper documents;
    private AdPackage ad;
    private Decision decision;
    private List<StatusChange> statusChanges;

    Submission(SubmissionDocument doc, DocumentMapper documents) {
        this.doc = doc;
        this.documents = documents;
    }

    /** The stored document, to the store's own package only. */
    SubmissionDocument document() {
        return doc;
    }

    public String id() {
        return doc.id.toHexString();
    }

    public String accountId() {
        return doc.accountId;
    }

    public String adId() {
        return doc.adId;
    }

    public int revision() {
        return doc.revision;
    }

    /** Whether this is the ad's latest revision: only the latest revision of an ad can be live. */
    public boolean current() {
        return doc.current;
    }

    public Category category() {
        return doc.category;
    }

    public SubmissionStatus status() {
        return doc.status;
    }

    public boolean is(SubmissionStatus status) {
        return doc.status == status;
    }

    public Instant receivedAt() {
        return doc.receivedAt;
    }

    /**
     * When a person last put or kept this revision live: automatic re-evaluations count only the
     * complaints recorded after it.
     */
    public Instant verdictAt() {
        return doc.verdictAt;
    }

    /** The version of the policy pack that decided it at intake. */
    public String policyVersion() {
        return doc.policyVersion;
    }

    /** The optimistic-concurrency counter this snapshot was read at. */
    public long version() {
        return doc.version;
    }

    /** The package, as the engine takes it. */
    public AdPackage ad() {
        if (ad == null && doc.adPackage != null) {
            ad = documents.fromDocument(doc.adPackage, AdPackage.class);
        }
        return ad;
    }

    /** The decision at intake. */
    public Decision decision() {
        if (decision == null && doc.decision != null) {
            decision = documents.fromDocument(doc.decision, Decision.class);
        }
        return decision;
    }

    /** Every change of status after the decision at intake, oldest first; empty when none (or not read). */
    public List<StatusChange> statusChanges() {
        if (statusChanges == null) {
            List<StatusChange> changes = new ArrayList<>();
            if (doc.statusChanges != null) {
                for (Document change : doc.statusChanges) {
                    changes.add(documents.fromDocument(change, StatusChange.class));
                }
            }
            statusChanges = List.copyOf(changes);
        }
        return statusChanges;
    }

    /** The context the decision at intake was made in, as stored; null when it was not kept (or not read). */
    public EvaluationContext decisionContext() {
        return doc.decisionContext == null
                ? null
                : documents.fromDocument(doc.decisionContext, EvaluationContext.class);
    }

    /** Whether the suspension pulled this submission at some point (read even when the rest of the history was not). */
    public boolean pulledBySuspension(String suspensionId) {
        return doc.statusChanges != null
                && doc.statusChanges.stream().anyMatch(c -> suspensionId.equals(c.getString("suspensionId")));
    }

    /** Whether a change of status was the verdict of the review case. */
    public boolean changedByCase(String caseId) {
        return doc.statusChanges != null
                && doc.statusChanges.stream().anyMatch(c -> caseId.equals(c.getString("caseId")));
    }

    @Override
    public String toString() {
        return "Submission[" + doc.id + ", " + doc.accountId + "/" + doc.adId + " r" + doc.revision + ", " + doc.status
                + "]";
    }
}
