package com.adreview.audit;

/** What an audit entry records. */
public enum AuditAction {
    /** The policy pack decided a new submission. */
    SUBMISSION_DECIDED,
    /** A submission's status changed after intake: a pull, a verdict, an appeal, a manual action. */
    STATUS_CHANGED,
    COMPLAINT_RECORDED,
    SUSPENSION_CREATED,
    SUSPENSION_LIFTED,
    REVIEW_OPENED,
    REVIEW_CLAIMED,
    REVIEW_RELEASED,
    REVIEW_DECIDED,
    REVIEW_CLOSED,
    REVIEW_REOPENED,
    /** A verdict whose change of the submission could not be made (the submission changed meanwhile). */
    REVIEW_NOT_APPLIED,
    APPEAL_FILED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    WEBHOOK_REGISTERED,
    WEBHOOK_REMOVED,
    /** An instance loaded a policy pack (or refused one). */
    POLICY_PACK_LOADED,
    POLICY_SIMULATED,
    POLICY_SIMULATION_CANCELLED,
    POLICY_SHADOW_INSTALLED,
    POLICY_SHADOW_REMOVED,
    /** An account came to hold an identifier by naming it first (or by recomputation of stored submissions). */
    IDENTIFIER_HELD,
    /** An operator gave an identifier to an account. */
    IDENTIFIER_ASSIGNED,
    /** Two accounts were confirmed to be one business: their records join. */
    ENTITY_LINKED,
    /** A confirmed link was removed. */
    ENTITY_UNLINKED,
    /** A category or an entity drew far more complaints than its own usual: an alert for people opened. */
    SURGE_ALERT_OPENED,
    /** A person acknowledged a complaint-surge alert. */
    SURGE_ALERT_ACKNOWLEDGED,
    /** The day counts of records stored before day counts were kept were counted (the dashboard's history). */
    DAY_COUNTS_BACKFILLED
}
