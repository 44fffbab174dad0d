package com.adreview.review;

import com.adreview.enforcement.LiveAdEscalated;
import com.adreview.engine.Finding;
import com.adreview.engine.IdentityConflict;
import com.adreview.engine.Outcome;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import com.adreview.identity.IdentityService;
import com.adreview.submission.StatusChange;
import com.adreview.submission.Submission;
import com.adreview.submission.SubmissionStored;
import com.adreview.submission.SubmissionsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Puts cases into the review queue: a submission that waits for review, a live ad whose
 * re-evaluation escalated, an appeal. Closes the cases a newer revision of the ad makes moot.
 */
@ApplicationScoped
public class ReviewIntake {

    private static final Logger LOG = Logger.getLogger(ReviewIntake.class);

    private final ReviewStore store;
    private final ReviewCaseMapper views;
    private final IdentityService identities;
    private final ReviewConfig config;
    private final Clock clock;

    public ReviewIntake(
            ReviewStore store, ReviewCaseMapper views, IdentityService identities, ReviewConfig config, Clock clock) {
        this.store = store;
        this.views = views;
        this.identities = identities;
        this.config = config;
        this.clock = clock;
    }

    void onSubmission(@Observes SubmissionStored event) {
        Submission s = event.submission();
        Instant now = now();
        // Only earlier revisions give way: a later one, stored while this one was being decided, keeps its
        // case. A first revision has none, and is spared the lookup.
        if (s.revision() > 1) {
            for (ReviewCaseDocument older : store.openOnEarlierRevisions(s.accountId(), s.adId(), s.revision())) {
                closeMoot(
                        older, ReviewOutcome.SUPERSEDED, "revision " + s.revision() + " of the ad was submitted", now);
            }
        }
        if (s.is(SubmissionStatus.PENDING_REVIEW)) {
            openEscalated(ReviewKind.INTAKE, s, s.decision().findings(), event.conflicts(), now);
        }
    }

    void onLiveAdEscalated(@Observes LiveAdEscalated event) {
        Optional<ReviewCaseDocument> opened = openEscalated(
                ReviewKind.RE_EVALUATION, event.submission(), event.decision().findings(), event.conflicts(), now());
        opened.ifPresent(c ->
                LOG.infof("Live ad %s re-evaluated with escalations; review case %s opened", c.submissionId, c.id));
    }

    /**
     * Opens the case for escalated findings: an identity conflict case when one of them is the conflict
     * (the reviewer settles who the advertiser is first), else a case of the given kind.
     */
    Optional<ReviewCaseDocument> openEscalated(
            ReviewKind kind, Submission s, List<Finding> findings, List<IdentityConflict> conflicts, Instant now) {
        boolean conflict = !conflicts.isEmpty()
                && findings.stream()
                        .anyMatch(f -> f.topic() == Topic.IDENTITY_CONFLICT && f.outcome() == Outcome.ESCALATE);
        if (!conflict) {
            return open(kind, s, views.documents(findings), escalated(findings), null, now, "system");
        }
        ReviewCaseDocument c = newCase(
                ReviewKind.IDENTITY_CONFLICT, s, views.documents(findings), escalated(findings), null, now, "system");
        c.conflicts = new ArrayList<>();
        for (IdentityConflict held : conflicts) {
            c.conflicts.add(new Document("kind", held.kind().name())
                    .append("identifier", held.identifier())
                    .append("holder", held.holder()));
        }
        Optional<ReviewCaseDocument> opened = store.insertOpen(c);
        opened.ifPresent(o ->
                identities.conflictOpened(o.id.toHexString(), o.submissionId, o.adId, o.accountId, conflicts, now));
        return opened;
    }

    /** Closes a case that no longer applies, and the identity conflict it was open on, if any. */
    boolean closeMoot(ReviewCaseDocument c, ReviewOutcome outcome, String reason, Instant now) {
        boolean closed = store.closeMoot(c, moot(outcome, reason, now), now);
        if (closed && c.kind == ReviewKind.IDENTITY_CONFLICT) {
            identities.conflictClosed(c.id.toHexString(), outcome.name(), "system");
        }
        return closed;
    }

    /**
     * A case that expects the submission in another status no longer applies once the status changes.
     * One lookup for the whole batch of changes (a sweep pulls a thousand ads at a time).
     */
    void onStatusChanged(@Observes SubmissionsChanged event) {
        Map<String, StatusChange> changes = new HashMap<>();
        event.changes().forEach(c -> changes.put(c.submissionId(), c.change()));
        Instant now = now();
        for (ReviewCaseDocument c : store.openForAny(changes.keySet())) {
            StatusChange change = changes.get(c.submissionId);
            if (change.to() != c.expectedStatus) {
                closeMoot(
                        c,
                        ReviewOutcome.OBSOLETE,
                        "the submission became " + change.to() + " (" + change.cause() + ")",
                        now);
            }
        }
    }

    /**
     * Opens a case on the submission unless it already has one open.
     *
     * @return the new case; empty when one was already open
     */
    Optional<ReviewCaseDocument> open(
            ReviewKind kind,
            Submission s,
            List<Document> findings,
            List<String> topics,
            Document appeal,
            Instant now,
            String actor) {
        return store.insertOpen(newCase(kind, s, findings, topics, appeal, now, actor));
    }

    private ReviewCaseDocument newCase(
            ReviewKind kind,
            Submission s,
            List<Document> findings,
            List<String> topics,
            Document appeal,
            Instant now,
            String actor) {
        ReviewCaseDocument c = new ReviewCaseDocument();
        c.kind = kind;
        c.submissionId = s.id();
        c.accountId = s.accountId();
        c.adId = s.adId();
        c.revision = s.revision();
        c.category = s.category();
        c.topics = topics;
        c.findings = findings;
        c.expectedStatus = s.status();
        c.openedAt = now;
        c.dueAt = now.plus(config.slaFor(c.category.name()));
        c.appeal = appeal;
        c.history = new ArrayList<>(List.of(ReviewStore.event(now, actor, "OPENED", kind.name())));
        return c;
    }

    static Document moot(ReviewOutcome outcome, String reason, Instant now) {
        return new Document("outcome", outcome.name()).append("reason", reason).append("decidedAt", Date.from(now));
    }

    private static List<String> escalated(List<Finding> findings) {
        List<String> topics = findings.stream()
                .filter(f -> f.outcome() == Outcome.ESCALATE)
                .map(f -> f.topic().name())
                .distinct()
                .toList();
        return topics.isEmpty()
                ? findings.stream().map(f -> f.topic().name()).distinct().toList()
                : topics;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
