package com.adreview.review;

import com.adreview.api.FieldError;
import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.engine.Category;
import com.adreview.engine.Evidence;
import com.adreview.engine.Finding;
import com.adreview.engine.Outcome;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import com.adreview.identity.IdentityService;
import com.adreview.submission.StatusChange;
import com.adreview.submission.StatusTransitionService;
import com.adreview.submission.Submission;
import com.adreview.submission.SubmissionService;
import com.adreview.suspension.SuspensionService;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * The review queue: listing, claiming with a lease, releasing, and the lease holder's verdict,
 * which changes the submission through the same version-guarded transition as an automatic pull.
 */
@ApplicationScoped
public class ReviewService {

    static final String INVALID_DECISION = "The request is not a valid review decision";
    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    private final ReviewStore store;
    private final ReviewCaseMapper views;
    private final SubmissionService submissions;
    private final StatusTransitionService transitions;
    private final SuspensionService suspensions;
    private final ReviewConfig config;
    private final Clock clock;
    private final ReviewIntake intake;
    private final ConflictVerdictService conflictVerdicts;
    private final IdentityService identities;

    public ReviewService(
            ReviewIntake intake,
            ConflictVerdictService conflictVerdicts,
            IdentityService identities,
            ReviewStore store,
            ReviewCaseMapper views,
            SubmissionService submissions,
            StatusTransitionService transitions,
            SuspensionService suspensions,
            ReviewConfig config,
            Clock clock) {
        this.intake = intake;
        this.conflictVerdicts = conflictVerdicts;
        this.identities = identities;
        this.store = store;
        this.views = views;
        this.submissions = submissions;
        this.transitions = transitions;
        this.suspensions = suspensions;
        this.config = config;
        this.clock = clock;
    }

    /** Finishes verdicts a crash interrupted between closing the case and changing the submission. */
    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
        for (String category : config.sla().keySet()) {
            try {
                Category.valueOf(category);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("adreview.review.sla." + category + ": no such category; use one of "
                        + java.util.Arrays.toString(Category.values()));
            }
        }
        for (ReviewCaseDocument c : store.withPendingEffect()) {
            LOG.infof("Finishing the verdict of review case %s", c.id);
            applyEffect(c, now());
        }
    }

    public Page<ReviewCaseView> list(ReviewQuery query, PageRequest page) {
        Instant now = now();
        List<ReviewCaseDocument> docs = store.page(query, now, page);
        return Page.of(docs, page, d -> d.openedAt, d -> d.id.toHexString(), d -> views.view(d, now));
    }

    public ReviewCaseView get(String id) {
        return views.view(find(id), now());
    }

    /** Gives the reviewer the case for the configured lease; claiming one's own case again renews the lease. */
    public ReviewCaseView claim(String id, String reviewer) {
        ReviewCaseDocument c = find(id);
        Instant now = now();
        ReviewCaseView current = views.view(c, now);
        if (current.state() == ReviewState.DONE) {
            throw ProblemException.conflict(
                    "Case " + id + " is already closed (" + current.resolution().outcome() + ")");
        }
        if (current.state() == ReviewState.CLAIMED && !reviewer.equals(c.claimedBy)) {
            throw ProblemException.conflict(
                    "Case " + id + " is claimed by " + c.claimedBy + " until " + c.leaseExpiresAt);
        }
        if (!store.claim(c, reviewer, now, now.plus(config.lease()))) {
            throw ProblemException.conflict("Case " + id + " changed while claiming it; reload it");
        }
        return get(id);
    }

    /** Returns the case to the queue; only its lease holder may. */
    public ReviewCaseView release(String id, String reviewer) {
        ReviewCaseDocument c = find(id);
        Instant now = now();
        requireHolder(c, reviewer, now);
        if (!store.release(c, reviewer, now)) {
            throw ProblemException.conflict("Case " + id + " changed while releasing it; reload it");
        }
        return get(id);
    }

    /**
     * Records the lease holder's verdict and changes the submission's status accordingly. Two verdicts
     * racing: the case's version guard lets exactly one through; the other is a 409. On an identity
     * conflict, "one business" links the accounts; a waiting submission is then decided again with the
     * joined record, and only what the reviewer has not seen stops it from going live.
     */
    public ReviewCaseView decide(String id, String reviewer, ReviewDecisionRequest request) {
        ReviewCaseDocument c = find(id);
        ReviewKind kind = c.kind;
        ConflictVerdictService.check(kind, request);
        Instant now = now();
        requireHolder(c, reviewer, now);
        List<Finding> caseFindings = views.findings(c.findings);
        List<Finding> added = new ArrayList<>();
        List<String> dismissed = new ArrayList<>();
        checkFindings(request.findingsOrEmpty(), caseFindings, added, dismissed);

        Submission s = submissions
                .byId(c.submissionId)
                .orElseThrow(() -> new IllegalStateException("case " + id + " names a missing submission"));
        if (!s.current() || s.status() != c.expectedStatus) {
            String why = !s.current()
                    ? "a newer revision of the ad was submitted"
                    : "the submission is now " + s.status() + " (was " + c.expectedStatus + ")";
            intake.closeMoot(c, ReviewOutcome.OBSOLETE, why, now);
            throw ProblemException.conflict("Case " + id + " no longer applies and was closed: " + why);
        }
        String reason = request.reason().strip();
        boolean sameBusiness = Boolean.TRUE.equals(request.sameBusiness());
        SubmissionStatus to;
        ConflictVerdictService.Redecision redecision = null;
        if (kind == ReviewKind.IDENTITY_CONFLICT
                && sameBusiness
                && request.outcome() == ReviewVerdict.APPROVE
                && s.is(SubmissionStatus.PENDING_REVIEW)) {
            // The decision must see the joined record: link first (a link that exists is nothing).
            conflictVerdicts.link(c, reviewer, reason);
            redecision = conflictVerdicts.redecide(s, now);
            to = afterLink(redecision, caseFindings);
        } else {
            to = target(kind, request.outcome(), s.status());
        }
        if (to == SubmissionStatus.APPROVED
                && !s.is(SubmissionStatus.APPROVED)
                && suspensions.isSuspended(s.category())) {
            throw ProblemException.conflict("Category " + s.category()
                    + " is suspended: no ad of it can go live until the suspension is lifted; REJECT, or wait");
        }
        boolean changes = !s.is(to);
        Document resolution = new Document(
                        "outcome", request.outcome().outcome().name())
                .append("reason", reason)
                .append("reviewer", reviewer)
                .append("decidedAt", Date.from(now))
                .append("addedFindings", views.documents(added))
                .append("dismissedFindings", dismissed)
                .append("submissionStatus", to.name());
        if (request.sameBusiness() != null) {
            resolution.append("sameBusiness", request.sameBusiness());
        }
        if (redecision != null && to == SubmissionStatus.REJECTED) {
            resolution.append("decision", views.document(redecision.decision()));
        }
        if (!store.resolve(c, reviewer, resolution, changes || sameBusiness, s.version(), now)) {
            ReviewCaseView after = get(id);
            throw ProblemException.conflict(
                    after.state() == ReviewState.DONE
                            ? "Case " + id + " was decided meanwhile ("
                                    + after.resolution().outcome() + ")"
                            : "Case " + id + " changed while deciding it; reload it");
        }
        if (kind == ReviewKind.IDENTITY_CONFLICT) {
            identities.conflictClosed(id, sameBusiness ? "SAME_BUSINESS" : "DIFFERENT_BUSINESS", "user:" + reviewer);
        }
        if (changes || sameBusiness) {
            ReviewCaseDocument decided = find(id);
            if (!applyEffect(decided, now)) {
                throw ProblemException.conflict("The submission changed while the verdict was recorded; case " + id
                        + " is yours again to decide on what it is now");
            }
        }
        if (to == SubmissionStatus.PENDING_REVIEW && redecision != null) {
            // What the joined record, or a conflict left, raises: a case of its own.
            intake.openEscalated(
                    ReviewKind.INTAKE,
                    submissions.byId(c.submissionId).orElseThrow(),
                    redecision.decision().findings(),
                    redecision.conflicts(),
                    now);
        }
        return get(id);
    }

    /**
     * Where a waiting submission goes once a reviewer found its accounts one business and approved what
     * they saw: rejected if the joined record rejects it, back to the queue if the new decision escalates
     * anything the reviewer did not see (or a conflict remains), else live.
     */
    private static SubmissionStatus afterLink(ConflictVerdictService.Redecision redecision, List<Finding> seen) {
        if (redecision.decision().status() == SubmissionStatus.REJECTED) {
            return SubmissionStatus.REJECTED;
        }
        Set<String> seenRules = seen.stream().map(Finding::ruleId).collect(Collectors.toSet());
        boolean unseen = redecision.decision().findings().stream()
                .anyMatch(f -> f.outcome() == Outcome.ESCALATE
                        && (f.topic() == Topic.IDENTITY_CONFLICT || !seenRules.contains(f.ruleId())));
        return unseen ? SubmissionStatus.PENDING_REVIEW : SubmissionStatus.APPROVED;
    }

    /**
     * Makes the submission change a recorded verdict calls for, once: against the submission version
     * the verdict was made on. If the submission moved on, the verdict is undone and the case reopened.
     * A verdict of "one business" links the accounts first (again, after a crash: it is made once).
     */
    private boolean applyEffect(ReviewCaseDocument c, Instant now) {
        Document r = c.resolution;
        if (Boolean.TRUE.equals(r.getBoolean("sameBusiness"))) {
            conflictVerdicts.link(c, r.getString("reviewer"), r.getString("reason"));
        }
        Submission s = submissions.byId(c.submissionId).orElse(null);
        if (s == null) {
            store.effectDone(c.id);
            return false;
        }
        String caseId = c.id.toHexString();
        SubmissionStatus to = SubmissionStatus.valueOf(r.getString("submissionStatus"));
        boolean alreadyMade = to == c.expectedStatus || s.changedByCase(caseId);
        if (alreadyMade) {
            store.effectDone(c.id);
            return true;
        }
        Document decision = r.get("decision", Document.class);
        boolean made = s.version() == c.submissionVersion
                && s.status() == c.expectedStatus
                && transitions.apply(
                        s,
                        StatusChange.byReviewer(
                                now,
                                s.status(),
                                to,
                                c.kind == ReviewKind.APPEAL ? "APPEAL" : "REVIEW",
                                decision == null ? null : views.decision(decision),
                                r.getString("reviewer"),
                                r.getString("reason"),
                                caseId),
                        "user:" + r.getString("reviewer"));
        if (made) {
            store.effectDone(c.id);
            return true;
        }
        store.reopen(c, "the submission changed before the verdict could be applied", now, now.plus(config.lease()));
        return false;
    }

    /** The submission status a verdict leads to, from the status the case expects. */
    static SubmissionStatus target(ReviewKind kind, ReviewVerdict verdict, SubmissionStatus now) {
        return switch (kind) {
            case INTAKE -> verdict == ReviewVerdict.APPROVE ? SubmissionStatus.APPROVED : SubmissionStatus.REJECTED;
            case RE_EVALUATION -> verdict == ReviewVerdict.APPROVE
                    ? SubmissionStatus.APPROVED
                    : SubmissionStatus.PULLED;
            case APPEAL -> verdict == ReviewVerdict.APPROVE ? SubmissionStatus.APPROVED : now;
                // A waiting submission was approved after its entity was settled (see afterLink), or rejected;
                // a live one stays live, or is pulled.
            case IDENTITY_CONFLICT -> verdict == ReviewVerdict.APPROVE
                    ? SubmissionStatus.APPROVED
                    : now == SubmissionStatus.APPROVED ? SubmissionStatus.PULLED : SubmissionStatus.REJECTED;
        };
    }

    /** Splits the reviewer's findings into added ones and dismissed rule ids; a 400 names each bad one. */
    private static void checkFindings(
            List<ReviewerFinding> given, List<Finding> caseFindings, List<Finding> added, List<String> dismissed) {
        Set<String> ruleIds = caseFindings.stream().map(Finding::ruleId).collect(Collectors.toSet());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            ReviewerFinding f = given.get(i);
            String at = "findings[" + i + "].";
            switch (f.action()) {
                case ADD -> {
                    if (f.topic() == null) {
                        errors.add(new FieldError(at + "topic", "an added finding needs a topic"));
                    }
                    if (f.message() == null || f.message().isBlank()) {
                        errors.add(new FieldError(at + "message", "an added finding needs a message"));
                    }
                    if (f.topic() != null && f.message() != null && !f.message().isBlank()) {
                        List<Evidence> evidence = f.field() == null
                                ? List.of()
                                : List.of(Evidence.value(f.field(), f.text() == null ? "" : f.text()));
                        added.add(new Finding(
                                f.topic(),
                                "reviewer:" + f.topic().name().toLowerCase(java.util.Locale.ROOT),
                                Outcome.REJECT,
                                f.message().strip(),
                                null,
                                evidence));
                    }
                }
                case DISMISS -> {
                    if (f.ruleId() == null || !ruleIds.contains(f.ruleId())) {
                        errors.add(new FieldError(
                                at + "ruleId", "must be the rule id of one of the case's findings: " + ruleIds));
                    } else {
                        dismissed.add(f.ruleId());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(INVALID_DECISION, errors);
        }
    }

    private void requireHolder(ReviewCaseDocument c, String reviewer, Instant now) {
        String id = c.id.toHexString();
        if (c.state == ReviewState.DONE) {
            throw ProblemException.conflict("Case " + id + " is already closed");
        }
        if (c.state != ReviewState.CLAIMED || c.claimedBy == null) {
            throw ProblemException.conflict("Case " + id + " is not claimed; claim it first");
        }
        if (!c.claimedBy.equals(reviewer)) {
            throw ProblemException.conflict("Case " + id + " is claimed by " + c.claimedBy + ", not " + reviewer);
        }
        if (!c.leaseExpiresAt.isAfter(now)) {
            throw ProblemException.conflict(
                    "Your lease on case " + id + " lapsed at " + c.leaseExpiresAt + "; claim it again");
        }
    }

    private ReviewCaseDocument find(String id) {
        return store.byId(id).orElseThrow(() -> ProblemException.notFound("No review case with id " + id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
