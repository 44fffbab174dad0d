package com.adreview.complaint;

import com.adreview.api.FieldError;
import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.api.RateLimiter;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.check.Hosts;
import com.adreview.engine.AdPackage.Money;
import com.adreview.engine.ComplaintRecord;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** Takes complaints in and lists them by any identifier of the entity they name. */
@ApplicationScoped
public class ComplaintService {

    static final String INVALID_COMPLAINT = "The request is not a valid complaint";

    private final ComplaintStore store;
    private final Clock clock;
    private final Event<ComplaintRecorded> recorded;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ComplaintConfig config;
    private final RateLimiter intake;

    public ComplaintService(
            ComplaintStore store,
            Clock clock,
            Event<ComplaintRecorded> recorded,
            Outbox outbox,
            OutboxRelay relay,
            ComplaintConfig config) {
        this.config = config;
        this.intake =
                new RateLimiter(config.intake().perSecond(), config.intake().burst());
        this.store = store;
        this.clock = clock;
        this.recorded = recorded;
        this.outbox = outbox;
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        relay.watch(ComplaintStore.COLLECTION);
    }

    /**
     * Counts one complaint against the credential's rate: a 429 when it is over. Called before the
     * body is read, so that a flood costs no parsing.
     */
    public void admit(String actor) {
        long wait = intake.take(actor);
        if (wait > 0) {
            throw ProblemException.tooManyRequests(
                    actor + " is over its rate of " + config.intake().perSecond()
                            + " complaints per second; retry after " + wait + " s",
                    wait);
        }
    }

    /**
     * Checks what the record's constraints cannot (400 naming every bad field), normalises the
     * identifiers and the reporter, stores. The caller has been {@link #admit admitted}.
     */
    public ComplaintView record(ComplaintRequest request, String actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ComplaintDocument doc = new ComplaintDocument();
        ComplaintRequest.Subject s = request.subject();
        doc.creditCode = normalised(s.creditCode(), c -> c.toUpperCase(Locale.ROOT));
        doc.domain = normalised(s.domain(), Hosts::canonicalDomain);
        doc.advertiserAccountId = normalised(s.advertiserAccountId(), a -> a);
        doc.appId = normalised(s.appId(), a -> a);
        List<FieldError> errors = new ArrayList<>();
        if (doc.creditCode == null && doc.domain == null && doc.advertiserAccountId == null && doc.appId == null) {
            errors.add(
                    new FieldError("subject", "name at least one of creditCode, domain, advertiserAccountId, appId"));
        }
        Instant received =
                request.receivedAt() == null ? now : request.receivedAt().truncatedTo(ChronoUnit.MILLIS);
        if (received.isAfter(now)) {
            errors.add(new FieldError("receivedAt", "must not be in the future"));
        }
        String reporterKey = request.reporterId() == null ? null : ReporterIds.normalise(request.reporterId());
        if (request.source() == ComplaintSource.USER && (reporterKey == null || reporterKey.isEmpty())) {
            // A user's complaint counts once per reporter: without one, twenty could be one person.
            errors.add(new FieldError("reporterId", "a USER complaint must name its reporter (visible characters)"));
        } else if (reporterKey != null && reporterKey.isEmpty()) {
            errors.add(new FieldError("reporterId", "must contain visible characters when given"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(INVALID_COMPLAINT, errors);
        }
        doc.source = request.source();
        doc.category = request.category();
        if (request.amountInvolved() != null) {
            doc.amount = request.amountInvolved().amount();
            doc.currency = request.amountInvolved().currency();
        }
        doc.description = request.description();
        doc.reporterId = request.reporterId();
        doc.reporterKey = reporterKey;
        doc.receivedAt = received;
        doc.receivedDay =
                received.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        doc.recordedAt = now;
        doc.recordedBy = actor;
        doc.id = new org.bson.types.ObjectId();
        Publication publication = recordedEvent(doc);
        doc.outbox = Outbox.initial(publication);
        doc.dayCounted = true; // counted just below
        store.insertPublishedNext(doc);
        store.tally()
                .add(List.of(
                        new com.adreview.store.DailyCountStore.Key(doc.receivedDay, "source", doc.source.name()),
                        new com.adreview.store.DailyCountStore.Key(doc.receivedDay, "category", doc.category.name())));
        // The complaint and its audit event become durable with the request's last durable write: the pull
        // it causes, if any, or the clearing of its outbox (settle): one wait for a commit in all (a pulling
        // complaint waited for three).
        Outbox.Owed owed = outbox.publishOwed(ComplaintStore.COLLECTION, doc.id, publication);
        try {
            recorded.fire(new ComplaintRecorded(
                    doc.id.toHexString(),
                    new EntityKeys(
                            setOf(doc.creditCode),
                            setOf(doc.domain),
                            setOf(doc.advertiserAccountId),
                            setOf(doc.appId))));
        } catch (RuntimeException e) {
            try {
                outbox.settle(owed);
            } catch (RuntimeException settling) {
                e.addSuppressed(settling);
            }
            throw e;
        }
        outbox.settle(owed);
        return view(doc);
    }

    /** The audit event of a recorded complaint: who reported what against whom. */
    private static Publication recordedEvent(ComplaintDocument d) {
        Document after = new Document("subject", subjectOf(d))
                .append("source", d.source.name())
                .append("category", d.category.name())
                .append("receivedAt", Date.from(d.receivedAt));
        if (d.amount != null) {
            after.append(
                    "amountInvolved", new Document("amount", d.amount.toPlainString()).append("currency", d.currency));
        }
        if (d.reporterId != null) {
            after.append("reporterId", d.reporterId);
        }
        return Publication.of(new AuditEvent(
                "complaint:" + d.id.toHexString(),
                d.recordedAt,
                d.recordedBy,
                AuditAction.COMPLAINT_RECORDED,
                "complaint:" + d.id.toHexString(),
                null,
                after,
                null));
    }

    private static Document subjectOf(ComplaintDocument d) {
        Document subject = new Document();
        if (d.creditCode != null) {
            subject.append("creditCode", d.creditCode);
        }
        if (d.domain != null) {
            subject.append("domain", d.domain);
        }
        if (d.advertiserAccountId != null) {
            subject.append("advertiserAccountId", d.advertiserAccountId);
        }
        if (d.appId != null) {
            subject.append("appId", d.appId);
        }
        return subject;
    }

    /**
     * The entity's complaint record for a decision: the complaints received in the lookback before now,
     * each with its normalised reporter and when it was recorded, oldest first. The pack counts a USER
     * reporter once; of one reporter's complaints only the latest {@code adreview.complaint.entries-per-reporter}
     * are carried, so that a flood from one reporter does not bloat every decision about the entity.
     */
    public ComplaintRecord recordOf(EntityKeys keys, Instant now, long lookbackDays) {
        return recordOf(store.ofEntity(keys, now.minusSeconds(lookbackDays * 86_400)));
    }

    /**
     * The records of several sets of keys at once, in one read: what the complaints naming any of them
     * make, each set's record from the complaints naming it. The sets of a batch of packages are the
     * entity as it grows package by package; most are equal and are worked out once.
     */
    public Map<EntityKeys, ComplaintRecord> recordsOf(Collection<EntityKeys> keys, Instant now, long lookbackDays) {
        Map<EntityKeys, ComplaintRecord> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Set<String> codes = new HashSet<>();
        Set<String> domains = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        Set<String> apps = new HashSet<>();
        for (EntityKeys k : keys) {
            codes.addAll(k.creditCodes());
            domains.addAll(k.domains());
            accounts.addAll(k.accounts());
            apps.addAll(k.appIds());
        }
        List<ComplaintDocument> all =
                store.ofEntity(new EntityKeys(codes, domains, accounts, apps), now.minusSeconds(lookbackDays * 86_400));
        for (EntityKeys k : keys) {
            out.computeIfAbsent(
                    k,
                    some -> recordOf(all.stream()
                            .filter(d -> ComplaintStore.names(some, d))
                            .toList()));
        }
        return out;
    }

    /** The record the complaints make, oldest first as read: at most so many per reporter, the newest kept. */
    private ComplaintRecord recordOf(List<ComplaintDocument> docs) {
        Map<String, Integer> kept = new HashMap<>();
        List<ComplaintRecord.Entry> newestFirst = new ArrayList<>(docs.size());
        for (int i = docs.size() - 1; i >= 0; i--) {
            ComplaintDocument d = docs.get(i);
            String reporter = reporterOf(d);
            if (d.source == ComplaintSource.USER
                    && reporter != null
                    && kept.merge(reporter, 1, Integer::sum) > config.entriesPerReporter()) {
                continue;
            }
            newestFirst.add(new ComplaintRecord.Entry(
                    d.id.toHexString(), d.receivedAt, d.source.name(), d.amount, d.currency, reporter, d.recordedAt));
        }
        java.util.Collections.reverse(newestFirst);
        return new ComplaintRecord(newestFirst);
    }

    /** The normalised reporter; complaints recorded before it was stored are normalised as they are read. */
    private static String reporterOf(ComplaintDocument d) {
        if (d.reporterKey != null) {
            return d.reporterKey;
        }
        String key = d.reporterId == null ? "" : ReporterIds.normalise(d.reporterId);
        return key.isEmpty() ? null : key;
    }

    /** A complaint as complaint surges count it: when it arrived, and against whom. */
    public record Counted(
            String id, Instant receivedAt, EntityKeys subject, List<String> entities, List<String> categories) {}

    /** The complaint with what it was counted against (null lists until classified). */
    public java.util.Optional<Counted> counted(String id) {
        return store.byId(id).map(ComplaintService::counted);
    }

    /** The complaints of these ids with what they were counted against, by id; one store read for them all. */
    public Map<String, Counted> counted(Collection<String> ids) {
        Map<String, Counted> out = new HashMap<>();
        store.byIds(ids).forEach(d -> out.put(d.id.toHexString(), counted(d)));
        return out;
    }

    private static Counted counted(ComplaintDocument d) {
        return new Counted(
                d.id == null ? null : d.id.toHexString(),
                d.receivedAt,
                new EntityKeys(setOf(d.creditCode), setOf(d.domain), setOf(d.advertiserAccountId), setOf(d.appId)),
                d.entities,
                d.adCategories);
    }

    /** Records the entities and categories the complaint counts against, for complaint surges and the dashboard. */
    public void classify(Counted complaint, Collection<String> entities, Collection<String> categories) {
        List<String> cats = categories.stream().sorted().distinct().toList();
        boolean first = store.classify(
                new org.bson.types.ObjectId(complaint.id()),
                entities.stream().sorted().distinct().toList(),
                cats);
        if (!first) {
            return; // counted by its first classification (two checks of one complaint can race)
        }
        String day = complaint
                .receivedAt()
                .atZone(java.time.ZoneOffset.UTC)
                .toLocalDate()
                .toString();
        store.tally()
                .add((cats.isEmpty() ? List.of("UNKNOWN") : cats)
                        .stream()
                                .map(c -> new com.adreview.store.DailyCountStore.Key(day, "adCategory", c))
                                .toList());
    }

    /**
     * The next page of complaints after {@code afterId} (null: from the first) in id order, with the
     * complaint counts per UTC day the live path did not make (stored or classified before day counts were
     * kept).
     */
    public com.adreview.store.DayTally.Page uncountedComplaints(String afterId, int limit) {
        return store.tallyUncounted(afterId == null ? null : new org.bson.types.ObjectId(afterId), limit);
    }

    /** Sets the backfilled part of the complaint day counts to the tally; zero where it has none. Idempotent. */
    public int setBackfilledComplaintCounts(com.adreview.store.DayTally tally) {
        return store.setBackfilled(tally);
    }

    /** About how many complaints are stored. */
    public long estimatedCount() {
        return store.estimatedCount();
    }

    /** Whether the first complaint stored was stored before day counts were kept. */
    public boolean oldestUncounted() {
        return store.oldestUncounted();
    }

    /** Whether any complaint was ever counted per day (by the live path or a backfill). */
    public boolean hasComplaintDayCounts() {
        return store.hasDayCounts();
    }

    /** Complaints per day (UTC dates) of one dimension: source, category or adCategory; by an index. */
    public Map<String, Map<String, Long>> perDay(String dimension, Collection<String> days) {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        store.tally().read(dimension, days).forEach((k, n) -> out.computeIfAbsent(k.value(), v -> new HashMap<>())
                .merge(k.day(), n, Long::sum));
        return out;
    }

    /** When each complaint counted against the category in [from, to) arrived, and against which entities. */
    public List<Counted> countedInCategory(String category, Instant from, Instant to) {
        return store.ofCategory(category, from, to).stream()
                .map(ComplaintService::counted)
                .toList();
    }

    /** How many complaints counted against the category were received in [from, to), both in one UTC day. */
    public long countInCategoryOnOneDay(String category, Instant from, Instant to) {
        return store.countInCategoryOnOneDay(category, from, to);
    }

    /** When each complaint counted against the entity in [from, to) arrived. */
    public List<Instant> countedAgainstEntity(String entity, Instant from, Instant to) {
        return store.ofEntityKey(entity, from, to).stream()
                .map(d -> d.receivedAt)
                .toList();
    }

    /** The complaints received in [from, to), newest first, with what they were counted against. */
    public List<Counted> receivedBetween(Instant from, Instant to) {
        return store.receivedBetween(from, to).stream()
                .map(ComplaintService::counted)
                .toList();
    }

    /** The entity's complaints, newest first, at most {@code limit}: a timeline for a reviewer. */
    public List<ComplaintView> timeline(EntityKeys keys, int limit) {
        List<ComplaintDocument> all = store.ofEntity(keys, Instant.EPOCH);
        List<ComplaintView> out = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(view(all.get(i)));
        }
        return out;
    }

    /** The identifiers the complaints naming any of the given ones carry. */
    public EntityKeys keysNamedWith(EntityKeys query) {
        return store.keysOf(query);
    }

    public ComplaintView get(String id) {
        return store.byId(id)
                .map(ComplaintService::view)
                .orElseThrow(() -> ProblemException.notFound("No complaint with id " + id));
    }

    /** Complaints naming the identifier as any of the subject's identifiers, newest first. */
    public Page<ComplaintView> list(String subject, PageRequest page) {
        Set<String> forms = new LinkedHashSet<>();
        if (subject != null && !subject.isBlank()) {
            // Match the identifier however it was stored: as given, as a credit code, as a canonical domain.
            String identifier = subject.strip();
            forms.add(identifier);
            forms.add(identifier.toUpperCase(Locale.ROOT));
            String domain = Hosts.canonicalDomain(identifier);
            if (!domain.isEmpty()) {
                forms.add(domain);
            }
        }
        List<ComplaintDocument> docs = store.page(forms, page);
        return Page.of(docs, page, d -> d.receivedAt, d -> d.id.toHexString(), ComplaintService::view);
    }

    private static ComplaintView view(ComplaintDocument d) {
        return new ComplaintView(
                d.id.toHexString(),
                new ComplaintRequest.Subject(d.creditCode, d.domain, d.advertiserAccountId, d.appId),
                d.source,
                d.category,
                d.amount == null ? null : new Money(d.amount, d.currency),
                d.description,
                d.reporterId,
                d.receivedAt,
                d.recordedAt);
    }

    private static Set<String> setOf(String value) {
        return value == null ? Set.of() : Set.of(value);
    }

    private static String normalised(String value, java.util.function.UnaryOperator<String> normalise) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String n = normalise.apply(value.strip());
        return n.isEmpty() ? null : n;
    }
}
