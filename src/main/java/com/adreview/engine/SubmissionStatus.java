package com.adreview.engine;

import java.util.List;

/** Where a submission stands. */
public enum SubmissionStatus {
    /** Live: the ad may run. */
    APPROVED,
    /** Refused on submission. */
    REJECTED,
    /** Waiting for a reviewer. */
    PENDING_REVIEW,
    /** Was live, taken down after re-evaluation or by a reviewer. */
    PULLED;

    /** The status of a new submission: any REJECT rejects, else any ESCALATE waits for review. */
    public static SubmissionStatus of(List<Finding> findings) {
        boolean escalate = false;
        for (Finding f : findings) {
            if (f.outcome() == Outcome.REJECT) {
                return REJECTED;
            }
            escalate |= f.outcome() == Outcome.ESCALATE;
        }
        return escalate ? PENDING_REVIEW : APPROVED;
    }
}
