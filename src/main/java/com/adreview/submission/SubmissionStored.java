package com.adreview.submission;

import com.adreview.engine.IdentityConflict;
import java.util.List;

/**
 * Fired, synchronously and before the gateway's 201, once a new submission is stored with its decision.
 *
 * @param conflicts the identifiers the package names that other accounts hold (what a reviewer must settle)
 */
public record SubmissionStored(Submission submission, List<IdentityConflict> conflicts) {}
