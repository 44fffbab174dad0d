package com.adreview.submission;

import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.api.RequestReader;
import com.adreview.check.Hosts;
import com.adreview.complaint.EntityKeys;
import com.adreview.decision.AdPackage;
import com.adreview.decision.Category;
import com.adreview.decision.Decision;
import com.adreview.decision.SubmissionStatus;
import com.adreview.feed.AdChange;
import com.adreview.feed.AdChangeFeed;
import com.adreview.policy.PolicyService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/** Takes ad packages in, has the policy pack decide them, stores every revision with its decision. */
@ApplicationScoped
public class SubmissionService {

    static final String INVALID_PACKAGE = "The request is not a valid ad package";

    private final RequestReader reader;
    private final PolicyService policy;
    private final SubmissionStore store;
    private final DecisionContexts contexts;
    private final AdChangeFeed feed;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<SubmissionStored> storedEvents;

    public SubmissionService(
            RequestReader reader,
            PolicyService policy,
            SubmissionStore store,
            DecisionContexts contexts,
            AdChangeFeed feed,
            ObjectMapper json,
            Clock clock,
            Event<SubmissionStored> storedEvents) {
        this.reader = reader;
        this.policy = policy;
        this.store = store;
        this.contexts = contexts;
        this.feed = feed;
        this.json = json;
        this.clock = clock;
        this.storedEvents = storedEvents;
    }

    /** Validates the structure (400 naming every bad field), decides, stores the new revision. */
    public SubmissionView submit(String body) {
        RequestReader.Read<AdPackage> read = reader.read(body, AdPackage.class, INVALID_PACKAGE);
        AdPackage ad = read.value();
        // BSON dates hold milliseconds; truncating here keeps stored, shown and cursor times identical.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String productDomain = ad.product() == null
                ? null
                : emptyToNull(Hosts.canonicalDomain(ad.product().domain()));
        String appId = ad.product() == null ? null : emptyToNull(ad.product().appId());
        EntityKeys own = new EntityKeys(
                setOf(ad.advertiser().creditCode()),
                setOf(productDomain),
                setOf(ad.advertiser().accountId()),
                setOf(appId));
        Decision decision = policy.decide(ad, contexts.forEntity(own, now));

        SubmissionDocument doc = new SubmissionDocument();
        doc.accountId = ad.advertiser().accountId();
        doc.adId = ad.adId();
        doc.category = ad.category().name();
        doc.status = decision.status().name();
        doc.creditCode = ad.advertiser().creditCode();
        doc.productDomain = ad.product() == null
                ? null
                : emptyToNull(Hosts.canonicalDomain(ad.product().domain()));
        doc.appId = ad.product() == null ? null : emptyToNull(ad.product().appId());
        doc.adPackage = Document.parse(read.tree().toString());
        doc.decision = Document.parse(write(decision));
        doc.policyVersion = decision.policyVersion();
        doc.topics = decision.findings().stream()
                .map(f -> f.topic().name())
                .distinct()
                .toList();
        doc.receivedAt = now;
        doc.updatedAt = now;
        doc.version = 1;
        SubmissionDocument stored = store.insertRevision(doc);
        feed.append(AdChange.of(
                now,
                stored.id.toHexString(),
                stored.adId,
                stored.accountId,
                stored.revision,
                null,
                stored.status,
                "SUBMISSION"));
        // Before the 201: a PENDING_REVIEW submission is in the review queue when the gateway hears of it.
        storedEvents.fire(new SubmissionStored(stored));
        return view(stored);
    }

    private static Set<String> setOf(String value) {
        return value == null || value.isBlank() ? Set.of() : Set.of(value.strip());
    }

    public SubmissionView get(String id) {
        return store.byId(id)
                .map(this::view)
                .orElseThrow(() -> ProblemException.notFound("No submission with id " + id));
    }

    /** A newest-first page of submissions; filter values are checked so a typo is a 400, not an empty page. */
    public Page<SubmissionView> list(SubmissionStore.Query query, PageRequest page) {
        checkEnum("status", query.status(), SubmissionStatus.class);
        checkEnum("category", query.category(), Category.class);
        List<SubmissionDocument> docs = store.page(query, page);
        return Page.of(docs, page, d -> d.receivedAt, d -> d.id.toHexString(), this::view);
    }

    /** The ad with every revision; when several accounts use the adId, the account must be named. */
    public AdView ad(String adId, String accountId) {
        List<SubmissionDocument> revisions = store.revisions(adId, accountId);
        if (revisions.isEmpty()) {
            throw ProblemException.notFound(
                    "No ad with id " + adId + (accountId == null ? "" : " for account " + accountId));
        }
        Set<String> accounts = revisions.stream().map(r -> r.accountId).collect(Collectors.toSet());
        if (accounts.size() > 1) {
            throw ProblemException.invalidField(
                    "accountId", "several advertiser accounts use adId " + adId + "; name the account");
        }
        SubmissionDocument latest = revisions.get(0);
        List<AdView.Revision> list = revisions.stream()
                .map(r -> new AdView.Revision(
                        r.id.toHexString(),
                        r.revision,
                        SubmissionStatus.valueOf(r.status),
                        r.receivedAt,
                        r.policyVersion))
                .toList();
        return new AdView(adId, latest.accountId, SubmissionStatus.valueOf(latest.status), latest.revision, list);
    }

    /** The package of a stored submission, as the engine takes it. */
    public AdPackage packageOf(SubmissionDocument doc) {
        try {
            return json.readValue(doc.adPackage.toJson(), AdPackage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored submission " + doc.id + " has an unreadable package", e);
        }
    }

    /** The record of a status change, as stored in the submission. */
    public Document statusChange(
            SubmissionStatus from,
            SubmissionStatus to,
            String cause,
            String complaintId,
            Decision decision,
            Instant at) {
        return Document.parse(write(StatusChange.automatic(at, from, to, cause, complaintId, decision)));
    }

    SubmissionView view(SubmissionDocument doc) {
        try {
            List<StatusChange> changes = new java.util.ArrayList<>();
            if (doc.statusChanges != null) {
                for (Document change : doc.statusChanges) {
                    changes.add(json.readValue(change.toJson(), StatusChange.class));
                }
            }
            return new SubmissionView(
                    doc.id.toHexString(),
                    doc.adId,
                    doc.accountId,
                    doc.revision,
                    doc.current,
                    Category.valueOf(doc.category),
                    SubmissionStatus.valueOf(doc.status),
                    doc.receivedAt,
                    doc.updatedAt,
                    json.readValue(doc.decision.toJson(), Decision.class),
                    changes,
                    json.readTree(doc.adPackage.toJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored submission " + doc.id + " cannot be read back", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision must always serialise", e);
        }
    }

    private static <E extends Enum<E>> void checkEnum(String field, String value, Class<E> type) {
        if (value == null) {
            return;
        }
        try {
            Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            String allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "));
            throw ProblemException.invalidField(field, "must be one of " + allowed);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
