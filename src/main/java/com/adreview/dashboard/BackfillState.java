package com.adreview.dashboard;

/** Where the backfill of day counts is. */
public enum BackfillState {
    /** The store began with day counts kept as records were stored: there is no history to count. */
    NOT_NEEDED,
    /** Requested (or found needed at start), not yet begun by the instance holding its lease. */
    QUEUED,
    /** Counting, newest day first; resumed at the next day by whichever instance holds the lease. */
    RUNNING,
    /** Every day from the oldest record to the day it began is counted. */
    DONE
}
