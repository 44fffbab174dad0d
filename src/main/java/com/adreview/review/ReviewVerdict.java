package com.adreview.review;

/** What a reviewer can decide on a case. */
public enum ReviewVerdict {
    /** The ad may run (an appeal is granted). */
    APPROVE,
    /** The ad may not run (an appeal is denied). */
    REJECT;

    ReviewOutcome outcome() {
        return this == APPROVE ? ReviewOutcome.APPROVE : ReviewOutcome.REJECT;
    }
}
