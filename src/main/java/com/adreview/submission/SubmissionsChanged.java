package com.adreview.submission;

import java.util.List;

/**
 * Fired, synchronously, after submissions' status changed through {@link StatusTransitionService}: one
 * event per batch, so that a sweep of thousands of ads costs its observers one round, not thousands.
 */
public record SubmissionsChanged(List<Changed> changes) {

    public record Changed(String submissionId, StatusChange change) {}
}
