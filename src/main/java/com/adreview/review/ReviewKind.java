package com.adreview.review;

/** Why a case is in the review queue. */
public enum ReviewKind {
    /** A new submission got an ESCALATE finding and waits, PENDING_REVIEW, for a reviewer. */
    INTAKE,
    /** A live ad re-evaluated (complaints, policy change) got only ESCALATE findings: it stays live until a reviewer decides. */
    RE_EVALUATION,
    /** The advertiser disputes findings of a REJECTED or PULLED submission. */
    APPEAL,
    /**
     * A submission (waiting, or live and re-evaluated) names identifiers other accounts hold: the
     * reviewer decides whether the accounts are one business (their records join) or not (the
     * submission is rejected, or pulled).
     */
    IDENTITY_CONFLICT
}
