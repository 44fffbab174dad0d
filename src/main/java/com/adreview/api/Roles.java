package com.adreview.api;

/**
 * Who may do what. Every endpoint names the roles it admits ({@code @RolesAllowed}); an endpoint
 * that names none is denied by configuration ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
public final class Roles {

    /** A submission gateway, bound to one advertiser account (its tenant) by its API key. */
    public static final String SUBMITTER = "submitter";

    /** Ad-operations staff: the review queue, manual pulls, complaints. */
    public static final String REVIEWER = "reviewer";

    /** Compliance auditors: read-only, everything, and the audit trail. */
    public static final String AUDITOR = "auditor";

    /** Operators: suspensions, the policy pack, API keys, webhooks. */
    public static final String ADMIN = "admin";

    /**
     * Compliance officers who write the policy pack: they simulate candidate packs (which change nothing)
     * and read the results; installing a shadow and rolling a pack out stay with operators.
     */
    public static final String POLICY_AUTHOR = "policy-author";

    private Roles() {}
}
