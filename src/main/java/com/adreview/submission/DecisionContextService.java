package com.adreview.submission;

import com.adreview.complaint.ComplaintService;
import com.adreview.complaint.EntityKeys;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Category;
import com.adreview.engine.ComplaintRecord;
import com.adreview.engine.EvaluationContext;
import com.adreview.identity.Entity;
import com.adreview.identity.Identifier;
import com.adreview.identity.IdentityService;
import com.adreview.policy.PolicyService;
import com.adreview.suspension.SuspensionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * Whether what was decided with what was known at {@code decidedAt} (the suspensions as of then:
     * {@link IntakeContexts#asOf}) may still be stored at {@code now}: not when that was more than half of the suspensions' intake settle ago. A
     * suspension's sweep finishes only with a round begun a whole settle after the suspension began, so an
     * ad stored within half of it of its decision is found by that round even if a suspension began just
     * after its suspensions were read ({@link SuspensionService#intakeSettle}). Otherwise the caller decides
     * again, with the suspensions read afresh.
     */
    public boolean storable(Instant decidedAt, Instant now) {
        return Duration.between(decidedAt, now)
                        .compareTo(suspensions.intakeSettle().dividedBy(2))
                <= 0;
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
     * The contexts of a batch of packages of one account, each as if the packages had been submitted one
     * after another: package {@code i} is decided with the identifiers the account held before the batch
     * and those that packages {@code 0..i} took, not those that later packages took. One read of the
     * entity, one of the complaints and one of the suspensions for the whole batch.
     *
     * @param named the identifiers each package names, in the batch's order
     * @param categories the packages' categories
     * @param found the batch's claim of all of them and the account's entity after it
     *     ({@link IdentityService#claimInEntity})
     * @param freshSuspensions read the active suspensions from the store, not from what the instance knows
     *     ({@link SuspensionService#activeForIntake})
     */
    public IntakeContexts forPackages(
            String account,
            List<Set<Identifier>> named,
            Collection<Category> categories,
            IdentityService.ClaimInEntity found,
            Instant now,
            boolean freshSuspensions) {
        IdentityService.Claim claim = found.claim();
        Entity whole = found.entity();
        // Each identifier the batch took belongs to the entity from the first package naming it on.
        Map<Identifier, Integer> takenAt = new HashMap<>();
        for (int i = 0; i < named.size(); i++) {
            for (Identifier id : named.get(i)) {
                if (claim.taken().contains(id)) {
                    takenAt.putIfAbsent(id, i);
                }
            }
        }
        List<Entity> entities = new ArrayList<>(named.size());
        Entity previous = null;
        for (int i = 0; i < named.size(); i++) {
            int upTo = i;
            Map<Identifier, String> held = new HashMap<>(whole.held());
            held.keySet().removeIf(id -> takenAt.getOrDefault(id, -1) > upTo);
            Entity entity = previous != null && previous.held().equals(held)
                    ? previous
                    : new Entity(account, whole.accounts(), held);
            entities.add(entity);
            previous = entity;
        }
        long days = policy.complaintLookbackDays();
        Map<EntityKeys, ComplaintRecord> records = days <= 0
                ? Map.of()
                : complaints.recordsOf(
                        new LinkedHashSet<>(entities.stream().map(Entity::keys).toList()), now, days);
        SuspensionService.ForIntake suspended = suspensions.activeForIntake(categories, freshSuspensions);
        List<EvaluationContext> out = new ArrayList<>(named.size());
        for (int i = 0; i < named.size(); i++) {
            Entity entity = entities.get(i);
            ComplaintRecord record = days <= 0 ? ComplaintRecord.NONE : records.get(entity.keys());
            out.add(new EvaluationContext(now, record, suspended.categories())
                    .withConflicts(entity.conflicts(named.get(i), claim.holders())));
        }
        return new IntakeContexts(out, suspended.asOf().isBefore(now) ? suspended.asOf() : now);
    }

    /**
     * The contexts of a batch's packages, in order, and the time they are known as of: the earlier of the
     * decision's time and that of the suspensions read ({@link #storable} is measured from it).
     */
    public record IntakeContexts(List<EvaluationContext> contexts, Instant asOf) {}

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
     * What every ad of each entity is decided with now, as {@link #forEntity}, for many entities at once
     * (one read of the complaints and one of the suspensions) and a lookback of the caller's: a policy
     * simulation counts as many days as the larger of the two packs it compares needs.
     *
     * @return the contexts, in the order of the entities
     */
    public List<EvaluationContext> forEntities(List<Entity> entities, Instant now, long lookbackDays) {
        Map<EntityKeys, ComplaintRecord> records = lookbackDays <= 0 || entities.isEmpty()
                ? Map.of()
                : complaints.recordsOf(
                        new LinkedHashSet<>(entities.stream().map(Entity::keys).toList()), now, lookbackDays);
        Set<Category> suspended = suspensions.activeCategories();
        List<EvaluationContext> out = new ArrayList<>(entities.size());
        for (Entity entity : entities) {
            out.add(new EvaluationContext(now, records.getOrDefault(entity.keys(), ComplaintRecord.NONE), suspended));
        }
        return out;
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
