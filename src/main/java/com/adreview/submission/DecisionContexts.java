package com.adreview.submission;

import com.adreview.complaint.ComplaintService;
import com.adreview.complaint.EntityKeys;
import com.adreview.decision.ComplaintRecord;
import com.adreview.decision.EvaluationContext;
import com.adreview.policy.PolicyService;
import com.adreview.suspension.SuspensionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Gathers what a decision depends on besides the package: the complaint record of the entity
 * (its identifiers and every identifier linked to them by submissions) and the active suspensions.
 */
@ApplicationScoped
public class DecisionContexts {

    private final SubmissionStore submissions;
    private final ComplaintService complaints;
    private final SuspensionStore suspensions;
    private final PolicyService policy;

    public DecisionContexts(
            SubmissionStore submissions,
            ComplaintService complaints,
            SuspensionStore suspensions,
            PolicyService policy) {
        this.submissions = submissions;
        this.complaints = complaints;
        this.suspensions = suspensions;
        this.policy = policy;
    }

    /** The context for a package of the entity these identifiers belong to. */
    public EvaluationContext forEntity(EntityKeys own, Instant now) {
        long days = policy.complaintLookbackDays();
        ComplaintRecord record = days <= 0 || own.isEmpty()
                ? ComplaintRecord.NONE
                : complaints.recordOf(submissions.linkedKeys(own), now, days);
        return new EvaluationContext(now, record, suspensions.activeCategories());
    }
}
