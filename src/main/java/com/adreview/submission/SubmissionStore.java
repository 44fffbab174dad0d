package com.adreview.submission;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.adreview.api.PageRequest;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.Publication;
import com.adreview.store.CoveredWrites;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Submissions in MongoDB: one document per revision of an ad. */
@ApplicationScoped
class SubmissionStore implements PanacheMongoRepositoryBase<SubmissionDocument, ObjectId> {

    public static final String COLLECTION = "submissions";

    /** A burst of resubmissions of one ad takes turns for revision numbers; past this many, the gateway retries. */
    private static final int INSERT_ATTEMPTS = 40;

    /** How many ads' last revision numbers this instance remembers, to number the next without a read. */
    static final int REMEMBERED_ADS = 50_000;

    /**
     * The last revision number this instance stored or read of recently submitted ads, by account and ad:
     * where the next revision is first tried, so that an ad's next revision (revision 1 of an ad never
     * seen) goes in without reading its current one first. Only a guess: the unique revision index refuses
     * a number already taken (by another instance, or before a restart), and the ads refused are then
     * numbered from a read, as always. The least recently used are forgotten past {@link #REMEMBERED_ADS}.
     */
    private final Map<List<String>, Integer> lastRevisions = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, Integer> eldest) {
            return size() > REMEMBERED_ADS;
        }
    };

    private com.adreview.store.DailyCountStore tally;

    /** Decisions per day by status, topic and rule. */
    synchronized com.adreview.store.DailyCountStore tally() {
        if (tally == null) {
            tally = new com.adreview.store.DailyCountStore(mongoDatabase().getCollection("decisionDays"));
        }
        return tally;
    }

    /** Writes the day counts still in memory before the application stops. */
    void onStopCounting(@Observes io.quarkus.runtime.ShutdownEvent event) {
        com.adreview.store.DailyCountStore counts;
        synchronized (this) {
            counts = tally;
        }
        if (counts != null) {
            counts.close();
        }
    }

    void onStart(@Observes StartupEvent event) {
        tally().ensureIndexes();
        var c = mongoCollection();
        // One revision number per ad: concurrent resubmissions cannot both take the same one.
        c.createIndex(
                Indexes.ascending("accountId", "adId", "revision"),
                new IndexOptions().unique(true).name("ad_revision"));
        c.createIndex(Indexes.descending("receivedAt", "_id"), new IndexOptions().name("newest"));
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("adId"), Indexes.descending("receivedAt")));
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("accountId"), Indexes.descending("receivedAt")));
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("receivedAt")));
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("category"), Indexes.descending("receivedAt")));
        // Live ads of an entity or a category, for pulls and suspensions; with the id last, a sweep's
        // pages (the next thousand live ids of a category after the last one) are ranges of it.
        c.createIndex(Indexes.ascending("current", "status", "category", "_id"));
        for (Document index : c.listIndexes()) {
            if ("current_1_status_1_category_1".equals(index.getString("name"))) {
                c.dropIndex("current_1_status_1_category_1"); // the one before, which the new one covers
            }
        }
        // An entity's live ads are found by its accounts.
        c.createIndex(Indexes.ascending("accountId", "current", "status"));
    }

    /**
     * Stores new revisions of ads, in the order given (two revisions of one ad are numbered in that
     * order): each the next revision number of its ad, made current, and every older revision no longer
     * current. The publication of each (its decision's audit event and feed entry) goes into its outbox
     * in the same insert.
     *
     * <p>One read of the ads' current revisions and one ordered insert, however many documents. A
     * concurrent resubmission of one of the ads that took a number makes the insert stop there: what went
     * in before stays in, and the rest is numbered again after the numbers now taken, so the order given
     * is kept. The unique revision index is what makes this right; the read is only where to start.
     *
     * @return the documents stored: all of them, or, when the ads kept being resubmitted at once past the
     *     attempts, the first ones in order (the rest are to be sent again)
     */
    public List<SubmissionDocument> insertRevisions(
            List<SubmissionDocument> docs, Function<SubmissionDocument, Publication> publication) {
        List<SubmissionDocument> pending = docs;
        List<SubmissionDocument> stored = new ArrayList<>(docs.size());
        // The first try numbers each ad after the revision this instance remembers (none: revision 1); a
        // refusal of a guess is not a race, so the next try reads the numbers at once, without backing off.
        boolean guessing = true;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<List<String>, Integer> latest = guessing ? remembered(pending) : latestRevisions(pending);
            for (SubmissionDocument doc : pending) {
                doc.id = new ObjectId();
                doc.revision = latest.merge(List.of(doc.accountId, doc.adId), 1, Integer::sum);
                doc.current = true;
                doc.outbox = Outbox.initial(publication.apply(doc));
                doc.dayCounted = doc.receivedDay == null ? null : Boolean.TRUE; // counted below, as it goes in
            }
            int in = insertInOrder(pending);
            stored.addAll(pending.subList(0, in));
            if (in == pending.size()) {
                break;
            }
            pending = List.copyOf(pending.subList(in, pending.size()));
            if (guessing) {
                guessing = false;
                attempt--; // a wrong guess is not one of the attempts a race may use up
                continue;
            }
            if (attempt >= INSERT_ATTEMPTS) {
                break;
            }
            // Another request took this number: let the racers spread out before the next try.
            java.util.concurrent.locks.LockSupport.parkNanos(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000, 2_000_000L * attempt));
        }
        remember(stored);
        retireOlder(stored);
        List<com.adreview.store.DailyCountStore.Key> counts = new ArrayList<>();
        for (SubmissionDocument d : stored) {
            if (d.receivedDay == null) {
                continue;
            }
            counts.add(new com.adreview.store.DailyCountStore.Key(d.receivedDay, "status", d.decidedStatus));
            (d.topics == null ? List.<String>of() : d.topics)
                    .forEach(t -> counts.add(new com.adreview.store.DailyCountStore.Key(d.receivedDay, "topic", t)));
            (d.ruleIds == null ? List.<String>of() : d.ruleIds)
                    .forEach(r -> counts.add(new com.adreview.store.DailyCountStore.Key(d.receivedDay, "rule", r)));
        }
        tally().add(counts);
        return stored;
    }

    /**
     * Inserts the revisions in order, up to the first whose number is taken (the unique revision index);
     * any other failure throws.
     *
     * <p>The publication of what goes in is written durably right after (Outbox.publishAll), and covers
     * this insert (CoveredWrites): the request waits for one commit, not one per write. A lone revision, what
     * nearly every request stores, shares its insert with the other requests' inserting at the same time.
     *
     * @return how many went in: all of them, or those before the first refused
     */
    private int insertInOrder(List<SubmissionDocument> docs) {
        if (docs.size() == 1) {
            Inserted one = loneInserts.apply(docs.get(0));
            if (one.failure() != null) {
                throw one.failure();
            }
            return one.stored() ? 1 : 0;
        }
        try {
            CoveredWrites.of(mongoCollection()).insertMany(docs, new InsertManyOptions().ordered(true));
            return docs.size();
        } catch (MongoBulkWriteException e) {
            BulkWriteError first = e.getWriteErrors().get(0);
            if (ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return first.getIndex();
        }
    }

    /** What became of one revision of a shared insert: stored, refused for its number, or failed otherwise. */
    private record Inserted(boolean stored, RuntimeException failure) {}

    /** At most this many requests' revisions in one insert. */
    static final int SHARED_INSERTS = 64;

    private final com.adreview.store.SharedRoundTrip<SubmissionDocument, Inserted> loneInserts =
            new com.adreview.store.SharedRoundTrip<>(SHARED_INSERTS, this::insertTogether);

    /**
     * Lone revisions of several requests in one unordered insert: each goes in or is refused on its own,
     * as its own insert would have been (they are of different requests: no order among them to keep).
     */
    private List<Inserted> insertTogether(List<SubmissionDocument> docs) {
        List<Inserted> out = new ArrayList<>(java.util.Collections.nCopies(docs.size(), new Inserted(true, null)));
        try {
            CoveredWrites.of(mongoCollection()).insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                out.set(
                        error.getIndex(),
                        ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY
                                ? new Inserted(false, null)
                                : new Inserted(
                                        false,
                                        new com.mongodb.MongoWriteException(
                                                new com.mongodb.WriteError(
                                                        error.getCode(), error.getMessage(), error.getDetails()),
                                                e.getServerAddress(),
                                                e.getErrorLabels())));
            }
            if (e.getWriteConcernError() != null) {
                throw e; // nothing of the group is known to be as durable as asked
            }
        }
        return out;
    }

    /** The revision numbers this instance remembers of these ads (a guess: see {@link #lastRevisions}). */
    private Map<List<String>, Integer> remembered(List<SubmissionDocument> docs) {
        Map<List<String>, Integer> out = new HashMap<>();
        synchronized (lastRevisions) {
            for (SubmissionDocument d : docs) {
                List<String> ad = List.of(d.accountId, d.adId);
                Integer revision = lastRevisions.get(ad);
                if (revision != null) {
                    out.put(ad, revision);
                }
            }
        }
        return out;
    }

    private void remember(List<SubmissionDocument> stored) {
        synchronized (lastRevisions) {
            for (SubmissionDocument d : stored) {
                lastRevisions.merge(List.of(d.accountId, d.adId), d.revision, Math::max);
            }
        }
    }

    /** The revision number of each ad's current revision, by account and ad; ads without one are absent. */
    private Map<List<String>, Integer> latestRevisions(List<SubmissionDocument> docs) {
        Set<String> accounts = new HashSet<>();
        Set<String> ads = new HashSet<>();
        docs.forEach(d -> {
            accounts.add(d.accountId);
            ads.add(d.adId);
        });
        Map<List<String>, Integer> out = new HashMap<>();
        for (Document d : documents()
                .find(and(in("accountId", accounts), in("adId", ads), eq("current", true)))
                .projection(Projections.include("accountId", "adId", "revision"))) {
            out.merge(List.of(d.getString("accountId"), d.getString("adId")), d.getInteger("revision"), Math::max);
        }
        return out;
    }

    /**
     * Every revision older than the newest stored of its ad is no longer current: one bulk write. A
     * first revision has no older one to retire and costs nothing.
     */
    private void retireOlder(List<SubmissionDocument> stored) {
        Map<List<String>, Integer> newest = new LinkedHashMap<>();
        for (SubmissionDocument doc : stored) {
            if (doc.revision > 1) {
                newest.merge(List.of(doc.accountId, doc.adId), doc.revision, Math::max);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        List<WriteModel<SubmissionDocument>> retire = new ArrayList<>(newest.size());
        newest.forEach((ad, revision) -> retire.add(new UpdateManyModel<>(
                and(eq("accountId", ad.get(0)), eq("adId", ad.get(1)), lt("revision", revision), eq("current", true)),
                Updates.combine(Updates.set("current", false), Updates.inc("version", 1L)))));
        CoveredWrites.of(mongoCollection()).bulkWrite(retire, new BulkWriteOptions().ordered(false));
    }

    /** The collection as plain documents, for projections. */
    public com.mongodb.client.MongoCollection<Document> documents() {
        return mongoCollection().withDocumentClass(Document.class);
    }

    /**
     * The live ads of the accounts: their current revisions that are approved. An entity's ads are its
     * accounts' ads, whatever identifiers they name; found by index, however many ads are not live.
     */
    public List<SubmissionDocument> liveAdsOfAccounts(java.util.Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        return mongoCollection()
                .find(and(in("accountId", new ArrayList<>(accounts)), eq("current", true), eq("status", "APPROVED")))
                .sort(Sorts.ascending("receivedAt"))
                .into(new ArrayList<>());
    }

    /**
     * A change of status to make only if the submission is still as it was read.
     *
     * @param publication what to put in the submission's outbox with the change; null when the caller
     *     keeps the batch's publications elsewhere
     */
    public record GuardedChange(
            SubmissionDocument expected,
            String to,
            Document change,
            Instant at,
            Publication publication,
            boolean verdict) {}

    /**
     * Changes the status of each submission if, and only if, it is still in the expected status at the
     * expected version: one atomic update per submission (all in one bulk write), so a change racing
     * another never loses one and never happens twice. The change's publication goes into the
     * submission's outbox in the same update. Written covered ({@link CoveredWrites}): the caller publishes
     * what was made, and that publication's durable write makes the changes durable.
     *
     * @return how many of the changes were made
     */
    public long changeStatusAll(List<GuardedChange> changes) {
        List<WriteModel<SubmissionDocument>> writes = new ArrayList<>(changes.size());
        for (GuardedChange c : changes) {
            List<Bson> update = new ArrayList<>(5);
            update.add(Updates.set("status", c.to()));
            update.add(Updates.set("updatedAt", c.at()));
            update.add(Updates.push("statusChanges", c.change()));
            if (c.verdict()) {
                update.add(Updates.set("verdictAt", c.at()));
            }
            if (c.publication() != null) {
                update.add(Outbox.add(c.publication()));
            }
            update.add(Updates.inc("version", 1L));
            writes.add(new UpdateOneModel<>(
                    and(
                            eq("_id", c.expected().id),
                            eq("version", c.expected().version),
                            eq("status", c.expected().status.name())),
                    Updates.combine(update)));
        }
        return CoveredWrites.of(mongoCollection())
                .bulkWrite(writes, new BulkWriteOptions().ordered(false))
                .getModifiedCount();
    }

    /**
     * Up to {@code limit} ids of the category's live ads after {@code after} (null: from the first), in
     * id order: one page of what a sweep divides into work items. Each page is a query of its own, so
     * the first work item is stored, and worked on, while the rest are still being found, and no
     * cursor is held open between pages.
     */
    public List<ObjectId> liveIdsInCategory(String category, ObjectId after, int limit) {
        return currentIds("APPROVED", category, after, limit);
    }

    /**
     * Up to {@code limit} ids of the current revisions in the status and category after {@code after}, in
     * id order: ranges of the (current, status, category, _id) index, as a sweep's pages are.
     */
    public List<ObjectId> currentIds(String status, String category, ObjectId after, int limit) {
        List<Bson> filters = new ArrayList<>(4);
        if (after != null) {
            filters.add(gt("_id", after));
        }
        filters.add(eq("current", true));
        filters.add(eq("status", status));
        filters.add(eq("category", category));
        List<ObjectId> ids = new ArrayList<>(limit);
        for (Document d : documents()
                .find(and(filters))
                .projection(Projections.include("_id"))
                .sort(Sorts.ascending("_id"))
                .limit(limit)) {
            ids.add(d.getObjectId("_id"));
        }
        return ids;
    }

    /** What deciding a submission again needs (its package and what a guarded status change checks), and more. */
    private static org.bson.conversions.Bson decidable(String... more) {
        List<String> fields = new ArrayList<>(
                List.of("accountId", "adId", "revision", "current", "category", "status", "version", "adPackage"));
        fields.addAll(List.of(more));
        return Projections.include(fields);
    }

    /**
     * The submissions with these ids (those that exist), by index lookup, with what a re-decision and
     * a guarded change of status need, and which suspensions pulled them before: not their decisions
     * and histories, which a sweep of a hundred thousand ads would otherwise read for nothing.
     */
    public List<SubmissionDocument> forRedecision(List<ObjectId> ids) {
        return mongoCollection()
                .find(in("_id", ids))
                .projection(decidable("verdictAt", "statusChanges.suspensionId"))
                .into(new ArrayList<>(ids.size()));
    }

    /**
     * The next {@code limit} submissions after {@code after} (null: from the first) in id order, with what
     * a re-decision needs: a range of the id index, read from where the last page ended, so a walk over
     * every submission reads each once (a page of a walk by status and category would pass over the
     * whole prefix of its index on the embedded store, every page).
     */
    public List<SubmissionDocument> pageById(ObjectId after, int limit) {
        return mongoCollection()
                .find(gt("_id", after != null ? after : new ObjectId(new byte[12])))
                .projection(decidable("verdictAt"))
                .sort(Sorts.ascending("_id"))
                .limit(limit)
                .into(new ArrayList<>(limit));
    }

    /**
     * Up to {@code limit} ids of submissions received from {@code since} on, after {@code after}, in id
     * order: a range of the id index (an id begins with its creation time, so the first page starts at
     * an id made a day before {@code since}, and the time itself is checked on each).
     */
    public List<ObjectId> idsReceivedSince(Instant since, ObjectId after, int limit) {
        ObjectId from = after != null ? after : new ObjectId(java.util.Date.from(since.minusSeconds(86_400)), 0);
        List<ObjectId> ids = new ArrayList<>(limit);
        for (Document d : documents()
                .find(and(gt("_id", from), gte("receivedAt", since)))
                .projection(Projections.include("_id"))
                .sort(Sorts.ascending("_id"))
                .limit(limit)) {
            ids.add(d.getObjectId("_id"));
        }
        return ids;
    }

    /** The submissions with these ids, with their packages and the contexts they were decided in. */
    public List<SubmissionDocument> forReplay(List<ObjectId> ids) {
        return mongoCollection()
                .find(in("_id", ids))
                .projection(decidable("decisionContext", "receivedAt"))
                .into(new ArrayList<>(ids.size()));
    }

    /** How many of these submissions the suspension pulled, counted from their status changes. */
    public long countPulledBy(String suspensionId, List<ObjectId> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        long n = 0;
        for (Document ignored : documents()
                .find(and(in("_id", ids), eq("statusChanges.suspensionId", suspensionId)))
                .projection(Projections.include("_id"))) {
            n++;
        }
        return n;
    }

    /**
     * Every submission, oldest first, with only what tells who named which identifier when: the
     * account, the time, and the package's identifier fields. Streamed, one at a time.
     */
    public void forEachOldestFirst(java.util.function.Consumer<SubmissionDocument> action) {
        mongoCollection()
                .find()
                .projection(Projections.include(
                        "accountId",
                        "receivedAt",
                        "adPackage.advertiser.creditCode",
                        "adPackage.product.domain",
                        "adPackage.product.appId",
                        "adPackage.icp.domains"))
                .sort(Sorts.ascending("receivedAt", "_id"))
                .forEach(action);
    }

    /** Every current revision that is live or waiting for review, streamed, with what a re-decision needs. */
    public void forEachLiveOrWaiting(java.util.function.Consumer<SubmissionDocument> action) {
        mongoCollection()
                .find(and(eq("current", true), in("status", List.of("APPROVED", "PENDING_REVIEW"))))
                .projection(Projections.include(
                        "accountId",
                        "adId",
                        "revision",
                        "current",
                        "category",
                        "status",
                        "version",
                        "adPackage",
                        "receivedAt",
                        "verdictAt"))
                .forEach(action);
    }

    /** Whether the account has submitted anything. */
    public boolean hasSubmissions(String accountId) {
        return mongoCollection()
                        .find(eq("accountId", accountId))
                        .projection(Projections.include("_id"))
                        .limit(1)
                        .first()
                != null;
    }

    public Optional<SubmissionDocument> byId(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return findByIdOptional(new ObjectId(id));
    }

    /** A newest-first page; one more than asked is read to know whether another page follows. */
    public List<SubmissionDocument> page(SubmissionQuery query, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        addIfPresent(filters, "adId", query.adId());
        addIfPresent(filters, "status", query.status());
        addIfPresent(filters, "accountId", query.accountId());
        addIfPresent(filters, "category", query.category());
        if (page.after() != null) {
            Date after = Date.from(page.after());
            ObjectId afterId = new ObjectId(page.afterId());
            filters.add(or(lt("receivedAt", after), and(eq("receivedAt", after), lt("_id", afterId))));
        }
        Bson filter = filters.isEmpty() ? new org.bson.Document() : and(filters);
        return mongoCollection()
                .find(filter)
                .sort(Sorts.descending("receivedAt", "_id"))
                .limit(page.limit() + 1)
                .into(new ArrayList<>());
    }

    /** Every revision of an ad, newest first; adIds are the advertiser's, so several accounts may share one. */
    public List<SubmissionDocument> revisions(String adId, String accountId) {
        Bson filter = accountId == null ? eq("adId", adId) : and(eq("adId", adId), eq("accountId", accountId));
        return mongoCollection().find(filter).sort(Sorts.descending("revision")).into(new ArrayList<>());
    }

    private static void addIfPresent(List<Bson> filters, String field, String value) {
        if (value != null) {
            filters.add(eq(field, value));
        }
    }

    /** Which of the changes are now in their submissions: only asked when some guard did not hold. */
    Set<String> appliedChangeIds(List<?> ids) {
        Set<String> applied = new HashSet<>();
        for (Document d : documents().find(in("_id", ids)).projection(Projections.include("statusChanges.changeId"))) {
            for (Document change : d.getList("statusChanges", Document.class, List.of())) {
                applied.add(change.getString("changeId"));
            }
        }
        return applied;
    }

    /** The categories the accounts' current ads are in (any status): by the accounts' index. */
    public java.util.Set<String> categoriesOfAccounts(java.util.Collection<String> accounts) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (accounts.isEmpty()) {
            return out;
        }
        for (Document d : mongoCollection()
                .withDocumentClass(Document.class)
                .find(com.mongodb.client.model.Filters.and(
                        com.mongodb.client.model.Filters.in("accountId", new java.util.ArrayList<>(accounts)),
                        com.mongodb.client.model.Filters.eq("current", true)))
                .projection(com.mongodb.client.model.Projections.include("category"))) {
            Object c = d.get("category");
            if (c != null) {
                out.add(c.toString());
            }
        }
        return out;
    }

    /** Decisions per day (UTC dates) of one dimension: status, topic or rule; value → day → count. */
    public Map<String, Map<String, Long>> perDay(String dimension, java.util.Collection<String> days) {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        tally().read(dimension, days).forEach((k, n) -> out.computeIfAbsent(k.value(), v -> new java.util.HashMap<>())
                .merge(k.day(), n, Long::sum));
        return out;
    }

    /** The dimensions decisions are counted by per day. */
    static final List<String> DAY_DIMENSIONS = List.of("status", "topic", "rule");

    /**
     * The next page of revisions after {@code after} in id order (a range of the id index, however large the
     * collection), with the day counts of those the live path did not count: revisions stored before day
     * counts were kept. Those stored before the dashboard kept its own fields are counted from their
     * decision, as the live path would have counted them.
     */
    public com.adreview.store.DayTally.Page tallyUncounted(ObjectId after, int limit) {
        com.adreview.store.DayTally tally = new com.adreview.store.DayTally();
        long counted = 0;
        int read = 0;
        ObjectId last = after;
        for (Document d : documents()
                .find(gt("_id", after != null ? after : new ObjectId(new byte[12])))
                .sort(com.mongodb.client.model.Sorts.ascending("_id"))
                .limit(limit)
                .projection(Projections.include(
                        "dayCounted",
                        "receivedAt",
                        "decidedStatus",
                        "topics",
                        "ruleIds",
                        "decision.status",
                        "decision.findings.ruleId",
                        "decision.findings.topic"))) {
            read++;
            last = d.getObjectId("_id");
            if (Boolean.TRUE.equals(d.get("dayCounted")) || d.getDate("receivedAt") == null) {
                continue;
            }
            counted++;
            String day = d.getDate("receivedAt")
                    .toInstant()
                    .atZone(java.time.ZoneOffset.UTC)
                    .toLocalDate()
                    .toString();
            Document decision = d.get("decision", Document.class);
            List<Document> findings =
                    decision == null ? List.of() : decision.getList("findings", Document.class, List.of());
            String status = d.getString("decidedStatus");
            tally.add(
                    day, "status", status != null ? status : decision == null ? null : decision.getString("status"), 1);
            List<String> topics = d.getList("topics", String.class);
            if (topics == null) {
                topics = findings.stream()
                        .map(f -> f.getString("topic"))
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList();
            }
            topics.forEach(t -> tally.add(day, "topic", t, 1));
            List<String> rules = d.getList("ruleIds", String.class);
            if (rules == null) {
                rules = findings.stream()
                        .map(f -> f.getString("ruleId"))
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList();
            }
            rules.forEach(r -> tally.add(day, "rule", r, 1));
        }
        return new com.adreview.store.DayTally.Page(last == null ? null : last.toHexString(), read, counted, tally);
    }

    /** Sets the backfilled decision counts to the tally (and to zero where it has none). */
    public int setBackfilled(com.adreview.store.DayTally tally) {
        return tally().setBackfilled(DAY_DIMENSIONS, tally);
    }

    /** About how many records the collection holds (the store's own count, not a scan): for progress. */
    public long estimatedCount() {
        return mongoCollection().estimatedDocumentCount();
    }

    /** Whether any decision was ever counted per day. */
    public boolean hasDayCounts() {
        return !tally().isEmpty();
    }

    /** Whether the first record stored (the lowest id) was stored before day counts were kept (not counted live). */
    public boolean oldestUncounted() {
        return com.adreview.store.DailyCountStore.oldestUncounted(documents());
    }
}
