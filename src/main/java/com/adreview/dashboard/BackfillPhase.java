package com.adreview.dashboard;

/** What a running backfill of day counts is doing. */
public enum BackfillPhase {
    /** Walking the submissions in id order, a page at a time, counting those the live path did not. */
    SUBMISSIONS,
    /** The same over the complaints. */
    COMPLAINTS,
    /** The same over the change feed's pulls. */
    PULLS,
    /** Setting the backfilled part of every day's counts to what the walks added up. */
    WRITING
}
