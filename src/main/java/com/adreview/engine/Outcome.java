package com.adreview.engine;

/** What a finding does to the submission it is made on. */
public enum Outcome {
    /** The submission is rejected (a live ad is pulled). */
    REJECT,
    /** A human reviewer must decide. */
    ESCALATE,
    /** Recorded only. */
    WARN
}
