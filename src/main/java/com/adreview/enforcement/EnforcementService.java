package com.adreview.enforcement;

import com.adreview.complaint.ComplaintRecorded;
import com.adreview.complaint.EntityKeys;
import com.adreview.decision.Decision;
import com.adreview.decision.EvaluationContext;
import com.adreview.decision.SubmissionStatus;
import com.adreview.policy.PolicyService;
import com.adreview.submission.DecisionContexts;
import com.adreview.submission.StatusChange;
import com.adreview.submission.StatusTransitions;
import com.adreview.submission.SubmissionDocument;
import com.adreview.submission.SubmissionService;
import com.adreview.submission.SubmissionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Re-evaluates live ads when their entity's record changes and pulls each one that now has a
 * REJECT finding; one that now only escalates stays live and goes to a reviewer. A pull is one
 * version-guarded transition: racing another pull or a reviewer, it happens once or not at all.
 */
@ApplicationScoped
public class EnforcementService {

    private static final Logger LOG = Logger.getLogger(EnforcementService.class);
    private static final int ATTEMPTS = 5;

    private final SubmissionStore submissions;
    private final SubmissionService intake;
    private final PolicyService policy;
    private final DecisionContexts contexts;
    private final StatusTransitions transitions;
    private final Event<LiveAdEscalated> escalated;
    private final Clock clock;

    public EnforcementService(
            SubmissionStore submissions,
            SubmissionService intake,
            PolicyService policy,
            DecisionContexts contexts,
            StatusTransitions transitions,
            Event<LiveAdEscalated> escalated,
            Clock clock) {
        this.submissions = submissions;
        this.intake = intake;
        this.policy = policy;
        this.contexts = contexts;
        this.transitions = transitions;
        this.escalated = escalated;
        this.clock = clock;
    }

    /** Runs before the complaint's 201 is sent, so a pull is visible as soon as the complaint is. */
    void onComplaint(@Observes ComplaintRecorded event) {
        List<String> pulled = reevaluateEntity(event.subject(), event.complaintId());
        if (!pulled.isEmpty()) {
            LOG.infof("Complaint %s pulled %d live ad(s): %s", event.complaintId(), pulled.size(), pulled);
        }
    }

    /**
     * Re-evaluates every live ad of the entity the identifiers belong to.
     *
     * @return ids of the submissions this call pulled
     */
    public List<String> reevaluateEntity(EntityKeys subject, String complaintId) {
        EntityKeys entity = submissions.linkedKeys(subject);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        EvaluationContext context = contexts.forEntity(entity, now);
        List<String> pulled = new ArrayList<>();
        for (SubmissionDocument live : submissions.liveAdsOf(entity)) {
            if (pullIfRejected(live, context, complaintId)) {
                pulled.add(live.id.toHexString());
            }
        }
        return pulled;
    }

    /**
     * Re-decides a live ad after a complaint and pulls it if the decision is now a rejection; with
     * only escalations it stays live and a review case is opened.
     */
    private boolean pullIfRejected(SubmissionDocument live, EvaluationContext context, String complaintId) {
        SubmissionDocument doc = live;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Decision decision = policy.decide(intake.packageOf(doc), context);
            if (decision.status() == SubmissionStatus.PENDING_REVIEW) {
                escalated.fire(new LiveAdEscalated(doc, decision));
                return false;
            }
            if (decision.status() != SubmissionStatus.REJECTED) {
                return false;
            }
            StatusChange change = StatusChange.automatic(
                    context.now(),
                    SubmissionStatus.APPROVED,
                    SubmissionStatus.PULLED,
                    "COMPLAINT",
                    complaintId,
                    decision);
            if (transitions.apply(doc, change, "system")) {
                return true;
            }
            // Someone changed it first: decide again on what it is now, if it is still live.
            doc = submissions.byId(doc.id.toHexString()).orElse(null);
            if (doc == null || !doc.current || !SubmissionStatus.APPROVED.name().equals(doc.status)) {
                return false;
            }
        }
        return false;
    }
}
