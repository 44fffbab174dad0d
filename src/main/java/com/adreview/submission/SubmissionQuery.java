package com.adreview.submission;

/** Filters a list request may combine; null means "any". */
public record SubmissionQuery(String adId, String status, String accountId, String category) {}
