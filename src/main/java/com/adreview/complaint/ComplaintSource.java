package com.adreview.complaint;

/** Who a complaint comes from; a regulator's or the police's weighs more than a user's. */
public enum ComplaintSource {
    USER,
    REGULATOR,
    POLICE,
    MEDIA
}
