package com.adreview.security;

import com.adreview.api.ProblemException;
import com.adreview.api.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling, in the domain's terms: a gateway of one advertiser account (its tenant), or a
 * member of staff. What a gateway may see is its own account's; another account's data answers 404,
 * as if it did not exist.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Whether the caller has the role (a console shows only the actions the caller's roles allow). */
    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public boolean isGateway() {
        return identity.hasRole(Roles.SUBMITTER);
    }

    /** The gateway's advertiser account; null for staff. */
    public String accountId() {
        return isGateway() ? identity.getAttribute(ApiKeyIdentityProvider.ACCOUNT) : null;
    }

    /** The signed-in name: a staff member's user name, or {@code key:<id>} for a gateway. */
    public String name() {
        return identity.getPrincipal().getName();
    }

    /** As the audit trail records it: {@code gateway:<account>/<key id>} or {@code user:<name>}. */
    public String actor() {
        return isGateway() ? "gateway:" + accountId() + "/" + name().substring("key:".length()) : "user:" + name();
    }

    /** Whose Idempotency-Keys a key is among: the gateway's tenant, or the member of staff. */
    public String idempotencyScope() {
        return isGateway() ? "tenant:" + accountId() : "user:" + name();
    }

    /** Whether the caller may see data of this advertiser account. */
    public boolean sees(String accountId) {
        return !isGateway() || accountId().equals(accountId);
    }

    /** A 404 (the same answer as for data that does not exist) unless the caller may see the account's data. */
    public void requireSees(String accountId, String notFound) {
        if (!sees(accountId)) {
            throw ProblemException.notFound(notFound);
        }
    }

    /** The account a list is restricted to: a gateway's own, whatever it asked for; staff, what they asked. */
    public String accountFilter(String requested) {
        return isGateway() ? accountId() : requested;
    }
}
