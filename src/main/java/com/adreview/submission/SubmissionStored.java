package com.adreview.submission;

/** Fired, synchronously and before the gateway's 201, once a new submission is stored with its decision. */
public record SubmissionStored(SubmissionDocument submission) {}
