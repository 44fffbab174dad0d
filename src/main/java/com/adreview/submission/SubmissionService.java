package com.adreview.submission;

import com.adreview.api.FieldError;
import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.audit.AuditTrail;
import com.adreview.check.Hosts;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Category;
import com.adreview.engine.Decision;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.SubmissionStatus;
import com.adreview.feed.AdChange;
import com.adreview.identity.Identifier;
import com.adreview.identity.IdentityService;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.Publication;
import com.adreview.policy.PolicyService;
import com.adreview.security.Caller;
import com.adreview.store.DocumentMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Takes ad packages in, has the policy pack decide them, stores every revision with its decision. */
@ApplicationScoped
public class SubmissionService {

    private final PolicyService policy;
    private final SubmissionStore store;
    private final DecisionContextService contexts;
    private final Outbox outbox;
    private final DocumentMapper documents;
    private final Clock clock;
    private final Event<SubmissionStored> storedEvents;
    private final IdentityService identities;

    public SubmissionService(
            IdentityService identities,
            PolicyService policy,
            SubmissionStore store,
            DecisionContextService contexts,
            Outbox outbox,
            DocumentMapper documents,
            Clock clock,
            Event<SubmissionStored> storedEvents) {
        this.identities = identities;
        this.policy = policy;
        this.store = store;
        this.contexts = contexts;
        this.outbox = outbox;
        this.documents = documents;
        this.clock = clock;
        this.storedEvents = storedEvents;
    }

    /**
     * Decides the package and stores it as the ad's new revision. The package must be for the
     * gateway's own account: the account comes from the credential.
     */
    public SubmissionView submit(ReceivedPackage received, Caller caller) {
        BatchAnswer answer = submitAll(List.of(received), caller).get(0);
        if (answer.refused() != null) {
            throw answer.refused();
        }
        return answer.stored();
    }

    /** What became of one package of a batch: stored, or refused with the problem it alone would have had. */
    public record BatchAnswer(SubmissionView stored, ProblemException refused) {}

    /**
     * Decides the packages and stores each as its ad's new revision, as if they had been submitted one
     * after another in this order ({@link DecisionContextService#forPackages}): a package for another
     * account is refused and the others go on. The work of the store is done once for all of them: one
     * claim of the identifiers they name, one read of the entity, its complaints and the suspensions,
     * one read of the ads' revisions, one insert and one publication.
     *
     * @return an answer per package, in order
     */
    public List<BatchAnswer> submitAll(List<ReceivedPackage> packages, Caller caller) {
        BatchAnswer[] answers = new BatchAnswer[packages.size()];
        List<Integer> accepted = new ArrayList<>(packages.size());
        for (int i = 0; i < packages.size(); i++) {
            AdPackage ad = packages.get(i).ad();
            if (ad.advertiser().accountId().equals(caller.accountId())) {
                accepted.add(i);
            } else {
                answers[i] = new BatchAnswer(
                        null,
                        ProblemException.forbidden(
                                "This API key submits for account " + caller.accountId(),
                                List.of(new FieldError(
                                        "advertiser.accountId",
                                        "must be " + caller.accountId() + ", the account of the API key"))));
            }
        }
        if (!accepted.isEmpty()) {
            storeAll(packages, accepted, caller, answers);
        }
        return Arrays.asList(answers);
    }

    /** How many times a stalled request decides afresh before it gives up (503). */
    private static final int DECIDE_ATTEMPTS = 3;

    private void storeAll(
            List<ReceivedPackage> packages, List<Integer> accepted, Caller caller, BatchAnswer[] answers) {
        // The account holds what it names first; what another account holds is a conflict, not a link.
        List<Set<Identifier>> named = new ArrayList<>(accepted.size());
        Set<Identifier> all = new LinkedHashSet<>();
        for (int i : accepted) {
            Set<Identifier> ids = Identifier.namedBy(packages.get(i).ad());
            named.add(ids);
            all.addAll(ids);
        }
        Set<Category> categories = java.util.EnumSet.noneOf(Category.class);
        for (int i : accepted) {
            categories.add(packages.get(i).ad().category());
        }
        Instant now;
        List<EvaluationContext> contexts;
        List<SubmissionDocument> docs;
        List<Decision> decisions;
        // Decided afresh, with the suspensions read from the store, when the suspensions it was decided with are
        // so old that a suspension begun meanwhile could have been swept already (DecisionContextService.storable):
        // only a stalled request ever repeats.
        for (int attempt = 1; ; attempt++) {
            // BSON dates hold milliseconds; truncating here keeps stored, shown and cursor times identical.
            now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            IdentityService.ClaimInEntity found =
                    identities.claimInEntity(caller.accountId(), all, now, caller.actor());
            DecisionContextService.IntakeContexts decided =
                    this.contexts.forPackages(caller.accountId(), named, categories, found, now, attempt > 1);
            contexts = decided.contexts();
            docs = new ArrayList<>(accepted.size());
            decisions = new ArrayList<>(accepted.size());
            for (int k = 0; k < accepted.size(); k++) {
                ReceivedPackage received = packages.get(accepted.get(k));
                EvaluationContext context = contexts.get(k);
                Decision decision = policy.decide(received.ad(), context);
                decisions.add(decision);
                docs.add(document(received, decision, context, now, caller));
            }
            if (this.contexts.storable(decided.asOf(), clock.instant())) {
                break;
            }
            if (attempt >= DECIDE_ATTEMPTS) {
                throw ProblemException.unavailable(
                        "Deciding took too long to store the decision safely; nothing was stored, retry");
            }
        }
        List<SubmissionDocument> stored = store.insertRevisions(docs, SubmissionService::decided);
        List<Outbox.Pending> publications = new ArrayList<>(stored.size());
        for (SubmissionDocument doc : stored) {
            publications.add(new Outbox.Pending(doc.id, decided(doc)));
        }
        outbox.publishAll(SubmissionStore.COLLECTION, publications);
        for (int k = 0; k < accepted.size(); k++) {
            int index = accepted.get(k);
            if (k < stored.size()) {
                SubmissionDocument doc = stored.get(k);
                // Before the answer: a PENDING_REVIEW submission is in the review queue when the gateway hears of it.
                storedEvents.fire(
                        new SubmissionStored(submission(doc), contexts.get(k).conflicts()));
                // The decision and the package it has in hand, not read back from the document it just made: they are
                // what the document holds (DocumentMapperTest), without two conversions per answer.
                answers[index] = new BatchAnswer(
                        view(doc, decisions.get(k), packages.get(index).asReceived()), null);
            } else {
                answers[index] = new BatchAnswer(
                        null,
                        ProblemException.conflictRetryAfter(
                                "Ad " + docs.get(k).adId + " is being resubmitted by several requests at once; retry",
                                1));
            }
        }
    }

    private SubmissionDocument document(
            ReceivedPackage received, Decision decision, EvaluationContext context, Instant now, Caller caller) {
        AdPackage ad = received.ad();
        SubmissionDocument doc = new SubmissionDocument();
        doc.accountId = ad.advertiser().accountId();
        doc.adId = ad.adId();
        doc.category = ad.category();
        doc.status = decision.status();
        doc.creditCode = ad.advertiser().creditCode();
        doc.productDomain = ad.product() == null
                ? null
                : emptyToNull(Hosts.canonicalDomain(ad.product().domain()));
        doc.appId = ad.product() == null ? null : emptyToNull(ad.product().appId());
        // The package as received, as parsing its text would store it, without writing the text out and parsing
        // it again (DocumentMapper.document; that round trip was about 3 % of intake's CPU).
        doc.adPackage = DocumentMapper.document(received.asReceived());
        doc.decision = documents.toDocument(decision);
        doc.decisionContext = documents.toDocument(context);
        doc.policyVersion = decision.policyVersion();
        doc.topics = decision.findings().stream()
                .map(f -> f.topic().name())
                .distinct()
                .toList();
        doc.receivedAt = now;
        doc.receivedDay = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        doc.decidedStatus = decision.status().name();
        doc.ruleIds =
                decision.findings().stream().map(f -> f.ruleId()).distinct().toList();
        doc.submittedBy = caller.actor();
        doc.updatedAt = now;
        doc.version = 1;
        return doc;
    }

    /**
     * The publication of a new revision: the decision's audit event, with digests of the package and
     * the context it was decided on (for replay), and the ad's first entry in the change feed.
     */
    static Publication decided(SubmissionDocument s) {
        String id = s.id.toHexString();
        Document after = new Document("status", s.status.name())
                .append("category", s.category.name())
                .append("adId", s.adId)
                .append("accountId", s.accountId)
                .append("revision", s.revision)
                .append("decision", s.decision)
                .append("packageDigest", AuditTrail.digest(s.adPackage))
                .append("contextDigest", AuditTrail.digest(s.decisionContext));
        AuditEvent event = new AuditEvent(
                "decided:" + id,
                s.receivedAt,
                s.submittedBy,
                AuditAction.SUBMISSION_DECIDED,
                "submission:" + id,
                null,
                after,
                s.policyVersion);
        return new Publication(
                event,
                AdChange.of(s.receivedAt, id, s.adId, s.accountId, s.revision, null, s.status.name(), "SUBMISSION"));
    }

    /** One submission; another tenant's answers 404, as a missing one does. */
    public SubmissionView get(String id, Caller caller) {
        return store.byId(id)
                .filter(s -> caller.sees(s.accountId))
                .map(this::view)
                .orElseThrow(() -> ProblemException.notFound("No submission with id " + id));
    }

    /** A newest-first page of submissions; filter values are checked so a typo is a 400, not an empty page. */
    public Page<SubmissionView> list(SubmissionQuery query, PageRequest page) {
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
                .map(r -> new AdView.Revision(r.id.toHexString(), r.revision, r.status, r.receivedAt, r.policyVersion))
                .toList();
        return new AdView(adId, latest.accountId, latest.status, latest.revision, list);
    }

    // What the other features read of stored submissions: Submission values, never the documents.

    public Optional<Submission> byId(String id) {
        return store.byId(id).map(this::submission);
    }

    /** Every revision of an ad, newest first; an adId is the advertiser's, so several accounts may share one. */
    public List<Submission> revisions(String adId, String accountId) {
        return store.revisions(adId, accountId).stream().map(this::submission).toList();
    }

    /** The live ads (current and approved) of the accounts. */
    public List<Submission> liveAdsOfAccounts(java.util.Collection<String> accounts) {
        return store.liveAdsOfAccounts(accounts).stream().map(this::submission).toList();
    }

    /** Ids of the category's live ads after {@code after} (null: from the start), in id order, at most {@code limit}. */
    public List<ObjectId> liveIdsInCategory(Category category, ObjectId after, int limit) {
        return store.liveIdsInCategory(category.name(), after, limit);
    }

    /**
     * The submissions with these ids, with what a re-decision and a guarded change of status need and
     * which suspensions pulled them before: not their decisions and histories.
     */
    public List<Submission> forRedecision(List<ObjectId> ids) {
        return store.forRedecision(ids).stream().map(this::submission).toList();
    }

    /** The next submissions after {@code after} (null: from the first), in id order, with what a re-decision needs. */
    public List<Submission> pageById(ObjectId after, int limit) {
        return store.pageById(after, limit).stream().map(this::submission).toList();
    }

    /** Ids of the submissions received from {@code since} on, after {@code after} (null: from the first), in id order. */
    public List<ObjectId> idsReceivedSince(Instant since, ObjectId after, int limit) {
        return store.idsReceivedSince(since, after, limit);
    }

    /** The submissions with these ids, with their packages and the contexts they were decided in. */
    public List<Submission> forReplay(List<ObjectId> ids) {
        return store.forReplay(ids).stream().map(this::submission).toList();
    }

    /** How many of these submissions the suspension pulled, counted from their status changes. */
    public long countPulledBy(String suspensionId, List<ObjectId> ids) {
        return store.countPulledBy(suspensionId, ids);
    }

    /**
     * Every submission, oldest first, streamed, with only its account, when it was received and the
     * identifiers its package names.
     */
    public void forEachOldestFirst(Consumer<Submission> action) {
        store.forEachOldestFirst(doc -> action.accept(submission(doc)));
    }

    /** Every current revision that is live or waiting for review, streamed, with what a re-decision needs. */
    public void forEachLiveOrWaiting(Consumer<Submission> action) {
        store.forEachLiveOrWaiting(doc -> action.accept(submission(doc)));
    }

    /** Whether the account has submitted anything. */
    /** Decisions per day (UTC dates) of one dimension: status, topic or rule; value → day → count. */
    public java.util.Map<String, java.util.Map<String, Long>> decisionsPerDay(
            String dimension, java.util.Collection<String> days) {
        return store.perDay(dimension, days);
    }

    /**
     * The next page of revisions after {@code afterId} (null: from the first) in id order, with the decision
     * counts per UTC day of those the live path did not count (stored before day counts were kept).
     */
    public com.adreview.store.DayTally.Page uncountedDecisions(String afterId, int limit) {
        return store.tallyUncounted(afterId == null ? null : new ObjectId(afterId), limit);
    }

    /** Sets the backfilled part of the decision day counts to the tally; zero where it has none. Idempotent. */
    public int setBackfilledDecisionCounts(com.adreview.store.DayTally tally) {
        return store.setBackfilled(tally);
    }

    /** About how many revisions are stored. */
    public long estimatedCount() {
        return store.estimatedCount();
    }

    /** Whether the first revision stored was stored before day counts were kept. */
    public boolean oldestUncounted() {
        return store.oldestUncounted();
    }

    /** Whether any decision was ever counted per day (by the live path or a backfill). */
    public boolean hasDecisionDayCounts() {
        return store.hasDayCounts();
    }

    /** The categories the accounts' current ads are in, whatever their status. */
    public java.util.Set<String> categoriesOfAccounts(java.util.Collection<String> accounts) {
        return store.categoriesOfAccounts(accounts);
    }

    public boolean hasSubmissions(String accountId) {
        return store.hasSubmissions(accountId);
    }

    Submission submission(SubmissionDocument doc) {
        return new Submission(doc, documents);
    }

    SubmissionView view(SubmissionDocument doc) {
        return view(doc, documents.fromDocument(doc.decision, Decision.class), documents.toTree(doc.adPackage));
    }

    private SubmissionView view(SubmissionDocument doc, Decision decision, com.fasterxml.jackson.databind.JsonNode ad) {
        List<StatusChange> changes = new java.util.ArrayList<>();
        if (doc.statusChanges != null) {
            for (Document change : doc.statusChanges) {
                changes.add(documents.fromDocument(change, StatusChange.class));
            }
        }
        return new SubmissionView(
                doc.id.toHexString(),
                doc.adId,
                doc.accountId,
                doc.revision,
                doc.current,
                doc.category,
                doc.status,
                doc.receivedAt,
                doc.updatedAt,
                decision,
                changes,
                ad);
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
