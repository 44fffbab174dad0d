package com.adreview.entity;

import com.adreview.api.ProblemException;
import com.adreview.check.Hosts;
import com.adreview.complaint.ComplaintService;
import com.adreview.complaint.EntityKeys;
import com.adreview.decision.ComplaintRecord;
import com.adreview.submission.SubmissionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Finds an entity by any of its identifiers and reports its complaint record and live ads. */
@ApplicationScoped
public class EntityService {

    private final SubmissionStore submissions;
    private final ComplaintService complaints;
    private final EntityConfig config;
    private final Clock clock;

    public EntityService(SubmissionStore submissions, ComplaintService complaints, EntityConfig config, Clock clock) {
        this.submissions = submissions;
        this.complaints = complaints;
        this.config = config;
        this.clock = clock;
    }

    /** The entity any of whose identifiers is {@code identifier}; 404 when no submission or complaint names it. */
    public EntityView entity(String identifier) {
        String id = identifier.strip();
        // The identifier may be of any kind; it is looked for in the form each kind is stored in.
        String domain = Hosts.canonicalDomain(id);
        EntityKeys guesses = new EntityKeys(
                Set.of(id.toUpperCase(Locale.ROOT)),
                domain.isEmpty() ? Set.of() : Set.of(domain),
                Set.of(id),
                Set.of(id));
        EntityKeys seen = submissions.keysOf(guesses);
        if (seen.isEmpty()) {
            seen = complaints.keysNamedWith(guesses);
        }
        if (seen.isEmpty()) {
            throw ProblemException.notFound("No submission or complaint names " + id);
        }
        EntityKeys keys = submissions.linkedKeys(seen);
        Instant now = clock.instant();
        int longest = config.reportWindowDays().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        ComplaintRecord record = complaints.recordOf(keys, now, longest);
        List<EntityView.ComplaintWindow> windows = new ArrayList<>();
        for (int days : config.reportWindowDays()) {
            windows.add(window(record, now, days));
        }
        List<EntityView.LiveAd> live = submissions.liveAdsOf(keys).stream()
                .map(d -> new EntityView.LiveAd(
                        d.id.toHexString(), d.adId, d.accountId, d.revision, d.category, d.receivedAt))
                .toList();
        return new EntityView(keys, windows, live);
    }

    private static EntityView.ComplaintWindow window(ComplaintRecord record, Instant now, int days) {
        Instant from = now.minusSeconds(days * 86_400L);
        long count = 0;
        Map<String, Long> bySource = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (ComplaintRecord.Entry e : record.complaints()) {
            if (e.receivedAt().isBefore(from)) {
                continue;
            }
            count++;
            bySource.merge(e.source(), 1L, Long::sum);
            if (e.amount() != null) {
                amounts.merge(e.currency(), e.amount(), BigDecimal::add);
            }
        }
        return new EntityView.ComplaintWindow(days, count, bySource, amounts);
    }
}
