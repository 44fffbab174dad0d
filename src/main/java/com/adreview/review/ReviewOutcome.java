package com.adreview.review;

/** What closed a case: a reviewer's verdict, or the case becoming moot. */
public enum ReviewOutcome {
    /** The reviewer approved: the ad may run (for an appeal: the appeal is granted). */
    APPROVE,
    /** The reviewer rejected: the ad may not run (for an appeal: the appeal is denied). */
    REJECT,
    /** The advertiser submitted a newer revision of the ad; that revision has its own decision. */
    SUPERSEDED,
    /** The submission's status changed by other means (a pull, a manual action) before a reviewer decided. */
    OBSOLETE;

    /** Whether a reviewer may choose it. */
    public boolean isVerdict() {
        return this == APPROVE || this == REJECT;
    }
}
