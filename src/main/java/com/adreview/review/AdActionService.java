package com.adreview.review;

import com.adreview.api.ProblemException;
import com.adreview.engine.Decision;
import com.adreview.engine.Evidence;
import com.adreview.engine.Finding;
import com.adreview.engine.Outcome;
import com.adreview.engine.SubmissionStatus;
import com.adreview.submission.AdView;
import com.adreview.submission.StatusChange;
import com.adreview.submission.StatusTransitionService;
import com.adreview.submission.Submission;
import com.adreview.submission.SubmissionService;
import com.adreview.suspension.SuspensionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A reviewer pulls a live ad by hand, or reinstates a pulled one. */
@ApplicationScoped
public class AdActionService {

    /** The rule id a manual pull's finding carries, so an appeal can name it. */
    public static final String MANUAL_PULL_RULE = "manual-pull";

    private final SubmissionService ads;
    private final StatusTransitionService transitions;
    private final SuspensionService suspensions;
    private final Clock clock;

    public AdActionService(
            SubmissionService ads, StatusTransitionService transitions, SuspensionService suspensions, Clock clock) {
        this.ads = ads;
        this.transitions = transitions;
        this.suspensions = suspensions;
        this.clock = clock;
    }

    /** Takes the ad's live revision down; a finding of the pull records the reviewer's reason. */
    public AdView pull(String adId, String accountId, String reviewer, AdActionRequest request) {
        Submission live = latest(adId, accountId);
        require(live, SubmissionStatus.APPROVED, "pulled");
        Instant now = now();
        String reason = request.reason().strip();
        Finding finding = new Finding(
                request.topic(),
                MANUAL_PULL_RULE,
                Outcome.REJECT,
                reason,
                null,
                List.of(Evidence.value("reviewer", reviewer)));
        StatusChange change = StatusChange.byReviewer(
                now,
                SubmissionStatus.APPROVED,
                SubmissionStatus.PULLED,
                "MANUAL_PULL",
                new Decision(live.policyVersion(), now, List.of(finding)),
                reviewer,
                reason,
                null);
        if (!transitions.apply(live, change, "user:" + reviewer)) {
            throw ProblemException.conflict("Ad " + adId + " changed while pulling it; reload it");
        }
        return ads.ad(adId, live.accountId());
    }

    /** Puts a pulled ad back live; not while its category is suspended. */
    public AdView reinstate(String adId, String accountId, String reviewer, AdActionRequest request) {
        Submission pulled = latest(adId, accountId);
        require(pulled, SubmissionStatus.PULLED, "reinstated");
        if (suspensions.isSuspended(pulled.category())) {
            throw ProblemException.conflict("Category " + pulled.category()
                    + " is suspended; no ad of it can be reinstated until it is lifted");
        }
        StatusChange change = StatusChange.byReviewer(
                now(),
                SubmissionStatus.PULLED,
                SubmissionStatus.APPROVED,
                "REINSTATED",
                null,
                reviewer,
                request.reason().strip(),
                null);
        if (!transitions.apply(pulled, change, "user:" + reviewer)) {
            throw ProblemException.conflict("Ad " + adId + " changed while reinstating it; reload it");
        }
        return ads.ad(adId, pulled.accountId());
    }

    /** The ad's latest revision; the account must be named when several use the adId (as for GET). */
    private Submission latest(String adId, String accountId) {
        ads.ad(adId, accountId); // 404 for no such ad, 400 when the account is ambiguous
        return ads.revisions(adId, accountId).get(0);
    }

    private static void require(Submission ad, SubmissionStatus status, String verb) {
        if (!ad.is(status)) {
            throw ProblemException.conflict("Ad " + ad.adId() + " is " + ad.status() + " (revision " + ad.revision()
                    + "); it can be " + verb + " only while it is " + status + ".");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
