package com.adreview.enforcement;

import com.adreview.complaint.ComplaintRecorded;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.SubmissionStatus;
import com.adreview.identity.Entity;
import com.adreview.identity.Identifier;
import com.adreview.identity.IdentityChanged;
import com.adreview.identity.IdentityService;
import com.adreview.policy.PolicyService;
import com.adreview.submission.DecisionContextService;
import com.adreview.submission.StatusChange;
import com.adreview.submission.StatusTransitionService;
import com.adreview.submission.Submission;
import com.adreview.submission.SubmissionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Re-evaluates live ads when their entity's record changes (a complaint, a link, an identifier
 * changing holder) and pulls each one that now has a REJECT finding; one that now only escalates stays
 * live and goes to a reviewer. A pull is one version-guarded transition: racing another pull or a
 * reviewer, it happens once or not at all.
 */
@ApplicationScoped
public class EnforcementService {

    private static final Logger LOG = Logger.getLogger(EnforcementService.class);
    private static final int ATTEMPTS = 5;

    private final SubmissionService submissions;
    private final PolicyService policy;
    private final DecisionContextService contexts;
    private final IdentityService identities;
    private final StatusTransitionService transitions;
    private final Event<LiveAdEscalated> escalated;
    private final Clock clock;

    public EnforcementService(
            SubmissionService submissions,
            PolicyService policy,
            DecisionContextService contexts,
            IdentityService identities,
            StatusTransitionService transitions,
            Event<LiveAdEscalated> escalated,
            Clock clock) {
        this.submissions = submissions;
        this.policy = policy;
        this.contexts = contexts;
        this.identities = identities;
        this.transitions = transitions;
        this.escalated = escalated;
        this.clock = clock;
    }

    /**
     * Runs before the complaint's 201 is sent, so a pull is visible as soon as the complaint is. The
     * complaint reaches the accounts it names and the holders of the identifiers it names, nobody else.
     */
    void onComplaint(@Observes ComplaintRecorded event) {
        List<String> pulled = new ArrayList<>();
        for (Entity entity : identities.entitiesOf(identities.accountsAnswering(event.subject()))) {
            pulled.addAll(reevaluate(entity, "COMPLAINT", event.complaintId()));
        }
        if (!pulled.isEmpty()) {
            LOG.infof("Complaint %s pulled %d live ad(s): %s", event.complaintId(), pulled.size(), pulled);
        }
    }

    /** Accounts linked or unlinked, an identifier reassigned: the entities they are in now are re-evaluated. */
    void onIdentityChanged(@Observes IdentityChanged event) {
        String cause = "IDENTITY_" + event.cause();
        for (Entity entity : identities.entitiesOf(event.accounts())) {
            List<String> pulled = reevaluate(entity, cause, null);
            if (!pulled.isEmpty()) {
                LOG.infof("%s %s pulled %d live ad(s): %s", cause, event.reference(), pulled.size(), pulled);
            }
        }
    }

    /**
     * Re-evaluates every live ad of the entity: with its record, the conflicts of each ad's identifiers
     * now, and the verdict a person made on it.
     *
     * @return ids of the submissions this call pulled
     */
    public List<String> reevaluate(Entity entity, String cause, String complaintId) {
        List<Submission> live = submissions.liveAdsOfAccounts(entity.accounts());
        if (live.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        EvaluationContext shared = contexts.forEntity(entity, now);
        Set<Identifier> named = new HashSet<>();
        for (Submission s : live) {
            named.addAll(Identifier.namedBy(s.ad()));
        }
        // Who holds what the ads name: what the entity holds was read with it a moment ago; only the rest (an
        // identifier held by another account, or by nobody) is read now. Either way a snapshot taken before the
        // decision, as one more read would be.
        Map<Identifier, String> holders = new java.util.HashMap<>();
        Set<Identifier> elsewhere = new HashSet<>();
        for (Identifier id : named) {
            String holder = entity.held().get(id);
            if (holder != null) {
                holders.put(id, holder);
            } else {
                elsewhere.add(id);
            }
        }
        if (!elsewhere.isEmpty()) {
            holders.putAll(identities.holdersOf(elsewhere));
        }
        List<String> pulled = new ArrayList<>();
        for (Submission s : live) {
            if (pullIfRejected(s, s.ad(), shared, entity, holders, cause, complaintId)) {
                pulled.add(s.id());
            }
        }
        return pulled;
    }

    /**
     * Re-decides a live ad and pulls it if the decision is now a rejection; with only escalations it
     * stays live and a review case is opened.
     */
    private boolean pullIfRejected(
            Submission live,
            AdPackage ad,
            EvaluationContext shared,
            Entity entity,
            Map<Identifier, String> holders,
            String cause,
            String complaintId) {
        Submission doc = live;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            EvaluationContext context = DecisionContextService.forAd(shared, entity, ad, holders, doc);
            Decision decision = policy.redecide(ad, context, doc.status());
            if (decision.status() == SubmissionStatus.PENDING_REVIEW) {
                escalated.fire(new LiveAdEscalated(doc, decision, context.conflicts()));
                return false;
            }
            if (decision.status() != SubmissionStatus.REJECTED) {
                return false;
            }
            StatusChange change = StatusChange.automatic(
                    context.now(), SubmissionStatus.APPROVED, SubmissionStatus.PULLED, cause, complaintId, decision);
            if (transitions.apply(doc, change, "system")) {
                return true;
            }
            // Someone changed it first: decide again on what it is now, if it is still live.
            doc = submissions.byId(doc.id()).orElse(null);
            if (doc == null || !doc.current() || !doc.is(SubmissionStatus.APPROVED)) {
                return false;
            }
        }
        return false;
    }
}
