package com.adreview.enforcement;

import com.adreview.decision.Decision;
import com.adreview.submission.SubmissionDocument;

/**
 * A live ad was re-evaluated and now has ESCALATE findings but no REJECT: it stays live and a
 * reviewer must look at it.
 */
public record LiveAdEscalated(SubmissionDocument submission, Decision decision) {}
