package com.adreview.complaint;

/** What a complaint is about. */
public enum ComplaintCategory {
    FRAUD,
    MISLEADING,
    UNLICENSED,
    WITHDRAWAL_BLOCKED,
    OTHER
}
