package com.adreview.review;

/** Filters of the queue; null means "any". */
public record ReviewQuery(
        ReviewState state,
        ReviewKind kind,
        String category,
        String topic,
        Boolean overdue,
        String submissionId,
        String accountId) {}
