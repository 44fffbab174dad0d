package com.adreview.entity;

import com.adreview.api.ProblemException;
import com.adreview.complaint.ComplaintService;
import com.adreview.complaint.EntityKeys;
import com.adreview.engine.ComplaintRecord;
import com.adreview.engine.IdentifierKind;
import com.adreview.identity.Entity;
import com.adreview.identity.Identifier;
import com.adreview.identity.IdentityService;
import com.adreview.submission.SubmissionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds an entity by any identifier: the account holding it, the accounts confirmed to be one business
 * with that one, what they hold, their open conflicts, the complaint record as decisions count it, and
 * their live ads.
 */
@ApplicationScoped
public class EntityService {

    private final IdentityService identities;
    private final SubmissionService submissions;
    private final ComplaintService complaints;
    private final EntityConfig config;
    private final Clock clock;

    public EntityService(
            IdentityService identities,
            SubmissionService submissions,
            ComplaintService complaints,
            EntityConfig config,
            Clock clock) {
        this.identities = identities;
        this.submissions = submissions;
        this.complaints = complaints;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The entity of the account holding {@code identifier} (a credit code, domain or app id, in any
     * form), or of the account {@code identifier} names; for an identifier nobody holds that complaints
     * name, its complaints alone. 404 when nothing names it.
     */
    public EntityView entity(String identifier) {
        String raw = identifier.strip();
        List<Identifier> forms = new ArrayList<>();
        for (IdentifierKind kind : IdentifierKind.values()) {
            Identifier.of(kind, raw).ifPresent(forms::add);
        }
        Map<Identifier, String> holders = identities.holdersOf(forms);
        Optional<String> holder =
                forms.stream().map(holders::get).filter(h -> h != null).findFirst();
        if (holder.isEmpty() && isAccount(raw)) {
            holder = Optional.of(raw);
        }
        if (holder.isPresent()) {
            return ofAccount(holder.get());
        }
        EntityKeys named = new EntityKeys(
                valuesOf(forms, IdentifierKind.CREDIT_CODE),
                valuesOf(forms, IdentifierKind.DOMAIN),
                Set.of(raw),
                valuesOf(forms, IdentifierKind.APP_ID));
        EntityKeys seen = complaints.keysNamedWith(named);
        if (seen.isEmpty()) {
            throw ProblemException.notFound("No account holds " + raw + ", and no complaint names it");
        }
        // Nobody holds it yet: its complaints stand alone until an account names it first.
        return new EntityView(null, named, List.of(), List.of(), List.of(), windows(named), List.of());
    }

    /** The entity of an account, as decisions on its ads see it. */
    public EntityView ofAccount(String account) {
        Entity entity = identities.entityOf(account);
        List<EntityView.Holding> holdings = new ArrayList<>();
        Map<Identifier, Instant> since = identities.heldSince(entity.held().keySet());
        entity.held().forEach((id, h) -> holdings.add(new EntityView.Holding(id.kind(), id.value(), h, since.get(id))));
        holdings.sort(Comparator.comparing(EntityView.Holding::kind).thenComparing(EntityView.Holding::identifier));
        List<EntityView.LiveAd> live = submissions.liveAdsOfAccounts(entity.accounts()).stream()
                .map(d -> new EntityView.LiveAd(
                        d.id(),
                        d.adId(),
                        d.accountId(),
                        d.revision(),
                        d.category().name(),
                        d.receivedAt()))
                .toList();
        return new EntityView(
                account,
                entity.keys(),
                holdings,
                identities.activeLinksOf(entity.accounts()),
                identities.openConflictsInvolving(entity.accounts()),
                windows(entity.keys()),
                live);
    }

    private boolean isAccount(String raw) {
        return !identities.entityOf(raw).held().isEmpty()
                || !identities.activeLinksOf(Set.of(raw)).isEmpty()
                || submissions.hasSubmissions(raw);
    }

    /** The record per configured window, counted as the pack counts it. */
    private List<EntityView.ComplaintWindow> windows(EntityKeys keys) {
        Instant now = clock.instant();
        int longest = config.reportWindowDays().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        ComplaintRecord record = complaints.recordOf(keys, now, longest);
        List<EntityView.ComplaintWindow> windows = new ArrayList<>();
        for (int days : config.reportWindowDays().stream().sorted().toList()) {
            windows.add(window(record, now, days));
        }
        return windows;
    }

    private static EntityView.ComplaintWindow window(ComplaintRecord record, Instant now, int days) {
        Instant from = now.minusSeconds(days * 86_400L);
        Map<String, Long> bySource = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        Set<String> reporters = new HashSet<>();
        Set<String> amountReporters = new HashSet<>();
        for (ComplaintRecord.Entry e : record.complaints()) {
            if (e.receivedAt().isBefore(from) || e.receivedAt().isAfter(now)) {
                continue;
            }
            boolean user = "USER".equals(e.source());
            if (!user || reporters.add(e.userKey())) {
                bySource.merge(e.source(), 1L, Long::sum);
            }
            if (e.amount() != null && e.amount().signum() > 0) {
                amounts.merge(e.currency(), e.amount(), BigDecimal::add);
                if (user) {
                    amountReporters.add(e.userKey());
                }
            }
        }
        long count = bySource.values().stream().mapToLong(Long::longValue).sum();
        return new EntityView.ComplaintWindow(days, count, bySource, amounts, amountReporters.size());
    }

    private static Set<String> valuesOf(List<Identifier> forms, IdentifierKind kind) {
        Set<String> out = new HashSet<>();
        forms.stream().filter(f -> f.kind() == kind).forEach(f -> out.add(f.value()));
        return out;
    }
}
