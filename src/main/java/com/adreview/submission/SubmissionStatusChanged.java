package com.adreview.submission;

/** Fired, synchronously, after a submission's status changed through {@link StatusTransitions}. */
public record SubmissionStatusChanged(String submissionId, StatusChange change) {}
