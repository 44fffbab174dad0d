package com.adreview.enforcement;

import com.adreview.engine.Decision;
import com.adreview.engine.IdentityConflict;
import com.adreview.submission.Submission;
import java.util.List;

/**
 * A live ad was re-evaluated and now has ESCALATE findings but no REJECT: it stays live and a
 * reviewer must look at it.
 *
 * @param conflicts the identifiers the ad names that other accounts hold now
 */
public record LiveAdEscalated(Submission submission, Decision decision, List<IdentityConflict> conflicts) {}
