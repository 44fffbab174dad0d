package com.adreview.submission;

import com.adreview.complaint.ComplaintService;
import com.adreview.engine.AdPackage;
import com.adreview.engine.ComplaintRecord;
import com.adreview.engine.EvaluationContext;
import com.adreview.identity.Entity;
import com.adreview.identity.Identifier;
import com.adreview.identity.IdentityService;
import com.adreview.policy.PolicyService;
import com.adreview.suspension.SuspensionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Gathers what a decision depends on besides the package: the complaint record of the entity (the
 * account, the accounts confirmed to be one business with it, and what they hold), the identifiers
 * the package names that another account holds, and the active suspensions.
 */
@ApplicationScoped
public class DecisionContextService {

    private final IdentityService identities;
    private final ComplaintService complaints;
    private final SuspensionService suspensions;
    private final PolicyService policy;

    public DecisionContextService(
            IdentityService identities,
            ComplaintService complaints,
            SuspensionService suspensions,
            PolicyService policy) {
        this.identities = identities;
        this.complaints = complaints;
        this.suspensions = suspensions;
        this.policy = policy;
    }

    /**
     * The context for a package its account submits now.
     *
     * @param holders the holder of each identifier the package names (after the account claimed the free ones)
     */
    public EvaluationContext forPackage(
            String account, Collection<Identifier> named, Map<Identifier, String> holders, Instant now) {
        Entity entity = identities.entityOf(account);
        return forEntity(entity, now).withConflicts(entity.conflicts(named, holders));
    }

    /**
     * What every ad of the entity is decided with now: its complaint record and the suspensions. Each ad
     * adds its own conflicts and verdict ({@link #forAd}).
     */
    public EvaluationContext forEntity(Entity entity, Instant now) {
        long days = policy.complaintLookbackDays();
        ComplaintRecord record = days <= 0 ? ComplaintRecord.NONE : complaints.recordOf(entity.keys(), now, days);
        return new EvaluationContext(now, record, suspensions.activeCategories());
    }

    /**
     * The context of one stored ad of the entity: the identifiers it names that others hold now, and the
     * person's verdict that stands on it.
     */
    public static EvaluationContext forAd(
            EvaluationContext entityContext,
            Entity entity,
            AdPackage ad,
            Map<Identifier, String> holders,
            Submission stored) {
        return entityContext
                .withConflicts(entity.conflicts(Identifier.namedBy(ad), holders))
                .withVerdictAt(stored.verdictAt());
    }
}
