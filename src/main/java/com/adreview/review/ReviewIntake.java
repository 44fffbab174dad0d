package com.adreview.review;

import com.adreview.decision.Decision;
import com.adreview.decision.Finding;
import com.adreview.decision.Outcome;
import com.adreview.decision.SubmissionStatus;
import com.adreview.enforcement.LiveAdEscalated;
import com.adreview.submission.StatusChange;
import com.adreview.submission.SubmissionDocument;
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
    private final ReviewViews views;
    private final ReviewConfig config;
    private final Clock clock;

    public ReviewIntake(ReviewStore store, ReviewViews views, ReviewConfig config, Clock clock) {
        this.store = store;
        this.views = views;
        this.config = config;
        this.clock = clock;
    }

    void onSubmission(@Observes SubmissionStored event) {
        SubmissionDocument s = event.submission();
        Instant now = now();
        for (ReviewCaseDocument older : store.openOnOtherRevisions(s.accountId, s.adId, s.id.toHexString())) {
            store.closeMoot(
                    older,
                    moot(ReviewOutcome.SUPERSEDED, "revision " + s.revision + " of the ad was submitted", now),
                    now);
        }
        if (SubmissionStatus.PENDING_REVIEW.name().equals(s.status)) {
            List<Document> findings = s.decision.getList("findings", Document.class, List.of());
            open(ReviewKind.INTAKE, s, findings, escalated(views.findings(findings)), null, now, "system");
        }
    }

    void onLiveAdEscalated(@Observes LiveAdEscalated event) {
        Decision decision = event.decision();
        Optional<ReviewCaseDocument> opened = open(
                ReviewKind.RE_EVALUATION,
                event.submission(),
                views.documents(decision.findings()),
                escalated(decision.findings()),
                null,
                now(),
                "system");
        opened.ifPresent(c ->
                LOG.infof("Live ad %s re-evaluated with escalations; review case %s opened", c.submissionId, c.id));
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
            if (!change.to().name().equals(c.expectedStatus)) {
                store.closeMoot(
                        c,
                        moot(
                                ReviewOutcome.OBSOLETE,
                                "the submission became " + change.to() + " (" + change.cause() + ")",
                                now),
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
            SubmissionDocument s,
            List<Document> findings,
            List<String> topics,
            Document appeal,
            Instant now,
            String actor) {
        ReviewCaseDocument c = new ReviewCaseDocument();
        c.kind = kind.name();
        c.submissionId = s.id.toHexString();
        c.accountId = s.accountId;
        c.adId = s.adId;
        c.revision = s.revision;
        c.category = s.category;
        c.topics = topics;
        c.findings = findings;
        c.expectedStatus = s.status;
        c.openedAt = now;
        c.dueAt = now.plus(config.slaFor(s.category));
        c.appeal = appeal;
        c.history = new ArrayList<>(List.of(ReviewStore.event(now, actor, "OPENED", kind.name())));
        return store.insertOpen(c);
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
