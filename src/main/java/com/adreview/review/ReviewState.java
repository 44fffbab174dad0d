package com.adreview.review;

/** Where a case stands in the queue. A claim whose lease has run out counts as OPEN again. */
@io.quarkus.qute.TemplateEnum
public enum ReviewState {
    OPEN,
    CLAIMED,
    DONE
}
