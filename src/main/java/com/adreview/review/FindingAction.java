package com.adreview.review;

/** What a reviewer does to a finding when deciding a case. */
public enum FindingAction {
    /** A finding the reviewer saw that no rule raised. */
    ADD,
    /** A finding of the case the reviewer judges wrong (by its rule id). */
    DISMISS
}
