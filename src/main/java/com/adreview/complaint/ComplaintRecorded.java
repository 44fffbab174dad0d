package com.adreview.complaint;

/**
 * Fired, synchronously, when a complaint has been stored: enforcement re-evaluates the live ads of
 * the entity before the complaint's 201 is sent.
 *
 * @param complaintId the stored complaint
 * @param subject the identifiers the complaint names
 */
public record ComplaintRecorded(String complaintId, EntityKeys subject) {}
