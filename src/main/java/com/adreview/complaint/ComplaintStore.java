package com.adreview.complaint;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.adreview.api.PageRequest;
import com.adreview.store.CoveredWrites;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Complaints in MongoDB, indexed by every subject identifier. */
@ApplicationScoped
class ComplaintStore implements PanacheMongoRepositoryBase<ComplaintDocument, ObjectId> {

    public static final String COLLECTION = "complaints";

    static final List<String> SUBJECT_FIELDS = List.of("creditCode", "domain", "advertiserAccountId", "appId");

    static final String DAYS = "complaintDays";

    private com.adreview.store.DailyCountStore tally;

    /** Complaints per day by source, category and advertised category. */
    synchronized com.adreview.store.DailyCountStore tally() {
        if (tally == null) {
            tally = new com.adreview.store.DailyCountStore(mongoDatabase().getCollection(DAYS));
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
        for (String field : SUBJECT_FIELDS) {
            mongoCollection()
                    .createIndex(Indexes.compoundIndex(Indexes.ascending(field), Indexes.descending("receivedAt")));
        }
        mongoCollection().createIndex(Indexes.descending("receivedAt", "_id"));
        // The periodic surge check reads the complaints of the last days.
        mongoCollection().createIndex(Indexes.ascending("receivedDay", "source"));
        // Complaint surges count a category's and an entity's complaints per day over a window.
        mongoCollection()
                .createIndex(Indexes.compoundIndex(Indexes.ascending("adCategories"), Indexes.ascending("receivedAt")));
        mongoCollection()
                .createIndex(Indexes.compoundIndex(Indexes.ascending("entities"), Indexes.ascending("receivedAt")));
        // A category's complaints of one day by equalities (the embedded store ranges over none of an index's
        // keys): what a surge check reads of the recent window's first, partial day.
        mongoCollection().createIndex(Indexes.ascending("adCategories", "receivedDay"));
    }

    /** How many complaints counted against the category were received in [from, to), within one UTC day. */
    public long countInCategoryOnOneDay(String category, Instant from, Instant to) {
        // A find, not countDocuments: the embedded store answers an aggregation's $match without the index.
        String day = from.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        long n = 0;
        for (org.bson.Document ignored : mongoCollection()
                .withDocumentClass(org.bson.Document.class)
                .find(and(
                        eq("adCategories", category),
                        eq("receivedDay", day),
                        gte("receivedAt", Date.from(from)),
                        lt("receivedAt", Date.from(to))))
                .projection(com.mongodb.client.model.Projections.include("_id"))) {
            n++;
        }
        return n;
    }

    /** The UTC dates from {@code from} to {@code to}, both included. */
    static List<String> daysOf(Instant from, Instant to) {
        List<String> days = new ArrayList<>();
        java.time.LocalDate last = to.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        for (java.time.LocalDate d = from.atZone(java.time.ZoneOffset.UTC).toLocalDate();
                !d.isAfter(last) && days.size() < 4000;
                d = d.plusDays(1)) {
            days.add(d.toString());
        }
        return days;
    }

    /**
     * Records what the complaint was counted against: one atomic update of the one document. True when this
     * was its first classification since day counts were kept (so its count by category is to be added).
     */
    public boolean classify(ObjectId id, List<String> entities, List<String> categories) {
        // One atomic update that also marks it counted by category; the document as it was tells whether
        // this was its first classification (the one whose count is added).
        org.bson.Document before = mongoCollection()
                .withDocumentClass(org.bson.Document.class)
                .findOneAndUpdate(
                        eq("_id", id),
                        com.mongodb.client.model.Updates.combine(
                                com.mongodb.client.model.Updates.set("entities", entities),
                                com.mongodb.client.model.Updates.set("adCategories", categories),
                                com.mongodb.client.model.Updates.set("categoriesCounted", true)),
                        new com.mongodb.client.model.FindOneAndUpdateOptions()
                                .projection(com.mongodb.client.model.Projections.include("categoriesCounted")));
        return before != null && !Boolean.TRUE.equals(before.get("categoriesCounted"));
    }

    /** Of the complaints counted against the category, received in [from, to): when, and against which entities. */
    public List<ComplaintDocument> ofCategory(String category, Instant from, Instant to) {
        return mongoCollection()
                .find(and(
                        eq("adCategories", category),
                        gte("receivedAt", Date.from(from)),
                        lt("receivedAt", Date.from(to))))
                .projection(com.mongodb.client.model.Projections.include("receivedAt", "entities"))
                .into(new ArrayList<>());
    }

    /**
     * Stores a new complaint whose publication (in its outbox) the caller writes next: that durable write
     * makes this insert durable too ({@link CoveredWrites}), so the request waits for one commit.
     */
    public void insertPublishedNext(ComplaintDocument doc) {
        CoveredWrites.of(mongoCollection()).insertOne(doc);
    }

    /** Of the complaints counted against the entity, received in [from, to): when. */
    public List<ComplaintDocument> ofEntityKey(String entity, Instant from, Instant to) {
        return mongoCollection()
                .find(and(eq("entities", entity), gte("receivedAt", Date.from(from)), lt("receivedAt", Date.from(to))))
                .projection(com.mongodb.client.model.Projections.include("receivedAt"))
                .into(new ArrayList<>());
    }

    /** The complaints received in [from, to), newest first, with what they were counted against. */
    public List<ComplaintDocument> receivedBetween(Instant from, Instant to) {
        return mongoCollection()
                .find(and(
                        in("receivedDay", daysOf(from, to)),
                        gte("receivedAt", Date.from(from)),
                        lt("receivedAt", Date.from(to))))
                .projection(com.mongodb.client.model.Projections.include(
                        "receivedAt",
                        "entities",
                        "adCategories",
                        "creditCode",
                        "domain",
                        "advertiserAccountId",
                        "appId"))
                .sort(Sorts.descending("receivedAt", "_id"))
                .into(new ArrayList<>());
    }

    /** What one caller of {@link #ofEntity} asks. */
    private record EntityQuery(EntityKeys keys, Instant since) {}

    /** Intake's reads of entities' complaints, shared by the requests that make them at once. */
    private final com.adreview.store.SharedRoundTrip<EntityQuery, List<ComplaintDocument>> entityReads =
            new com.adreview.store.SharedRoundTrip<>(SHARED_READS, this::ofEntities);

    /** At most this many entities' complaints are read in one command. */
    static final int SHARED_READS = 64;

    /**
     * Complaints naming any of the entity's identifiers, received at or after {@code since}, oldest first.
     * Requests that ask at once share one read ({@link com.adreview.store.SharedRoundTrip}).
     */
    public List<ComplaintDocument> ofEntity(EntityKeys keys, Instant since) {
        if (naming(keys) == null) {
            return List.of();
        }
        return entityReads.apply(new EntityQuery(keys, since));
    }

    /**
     * The complaints of several entities in one read: those naming any of their identifiers since the
     * earliest of their times, oldest first; then each entity's, as {@link #ofEntity} reads them alone.
     */
    private List<List<ComplaintDocument>> ofEntities(List<EntityQuery> queries) {
        Set<String> codes = new HashSet<>();
        Set<String> domains = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        Set<String> apps = new HashSet<>();
        Instant since = queries.get(0).since();
        for (EntityQuery q : queries) {
            codes.addAll(q.keys().creditCodes());
            domains.addAll(q.keys().domains());
            accounts.addAll(q.keys().accounts());
            apps.addAll(q.keys().appIds());
            if (q.since().isBefore(since)) {
                since = q.since();
            }
        }
        List<ComplaintDocument> all = mongoCollection()
                .find(and(naming(new EntityKeys(codes, domains, accounts, apps)), gte("receivedAt", Date.from(since))))
                // Ties broken by id: the same order whichever entities a read is shared with.
                .sort(Sorts.ascending("receivedAt", "_id"))
                .into(new ArrayList<>());
        if (queries.size() == 1) {
            return List.of(all);
        }
        List<List<ComplaintDocument>> out = new ArrayList<>(queries.size());
        for (EntityQuery q : queries) {
            List<ComplaintDocument> its = new ArrayList<>();
            for (ComplaintDocument d : all) {
                if (names(q.keys(), d) && !d.receivedAt.isBefore(q.since())) {
                    its.add(d);
                }
            }
            out.add(its);
        }
        return out;
    }

    /** The subject identifiers of the complaints that name any of the given ones. */
    public EntityKeys keysOf(EntityKeys query) {
        Bson subject = naming(query);
        Set<String> codes = new HashSet<>();
        Set<String> domains = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        Set<String> apps = new HashSet<>();
        if (subject != null) {
            for (ComplaintDocument d : mongoCollection().find(subject)) {
                addIfPresent(codes, d.creditCode);
                addIfPresent(domains, d.domain);
                addIfPresent(accounts, d.advertiserAccountId);
                addIfPresent(apps, d.appId);
            }
        }
        return new EntityKeys(codes, domains, accounts, apps);
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    public Optional<ComplaintDocument> byId(String id) {
        return ObjectId.isValid(id) ? findByIdOptional(new ObjectId(id)) : Optional.empty();
    }

    /** The complaints of these ids (in no particular order; an id not stored or not an id is left out); one read. */
    public List<ComplaintDocument> byIds(Collection<String> ids) {
        List<ObjectId> valid = ids.stream()
                .filter(ObjectId::isValid)
                .map(ObjectId::new)
                .distinct()
                .toList();
        return valid.isEmpty()
                ? List.of()
                : mongoCollection().find(in("_id", valid)).into(new ArrayList<>());
    }

    /**
     * Newest first: complaints naming any of the identifiers under any subject field (all complaints
     * when none is given); one more than the page to see whether another follows.
     */
    public List<ComplaintDocument> page(Collection<String> identifiers, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (!identifiers.isEmpty()) {
            filters.add(or(SUBJECT_FIELDS.stream().map(f -> in(f, identifiers)).toList()));
        }
        if (page.after() != null) {
            Date after = Date.from(page.after());
            filters.add(
                    or(lt("receivedAt", after), and(eq("receivedAt", after), lt("_id", new ObjectId(page.afterId())))));
        }
        Bson filter = filters.isEmpty() ? new org.bson.Document() : and(filters);
        return mongoCollection()
                .find(filter)
                .sort(Sorts.descending("receivedAt", "_id"))
                .limit(page.limit() + 1)
                .into(new ArrayList<>());
    }

    /** Whether the complaint names any of the keys: what {@link #ofEntity} asks the store, for one document. */
    static boolean names(EntityKeys keys, ComplaintDocument d) {
        return (d.creditCode != null && keys.creditCodes().contains(d.creditCode))
                || (d.domain != null && keys.domains().contains(d.domain))
                || (d.advertiserAccountId != null && keys.accounts().contains(d.advertiserAccountId))
                || (d.appId != null && keys.appIds().contains(d.appId));
    }

    /** Complaints naming any of the identifiers; null when there is none (nothing can match). */
    private static Bson naming(EntityKeys keys) {
        List<Bson> any = new ArrayList<>(4);
        if (!keys.creditCodes().isEmpty()) {
            any.add(in("creditCode", keys.creditCodes()));
        }
        if (!keys.domains().isEmpty()) {
            any.add(in("domain", keys.domains()));
        }
        if (!keys.accounts().isEmpty()) {
            any.add(in("advertiserAccountId", keys.accounts()));
        }
        if (!keys.appIds().isEmpty()) {
            any.add(in("appId", keys.appIds()));
        }
        return any.isEmpty() ? null : or(any);
    }

    /** The dimensions complaints are counted by per day. */
    static final List<String> DAY_DIMENSIONS = List.of("source", "category", "adCategory");

    /**
     * The next page of complaints after {@code after} in id order (a range of the id index), with the day
     * counts the live path did not make: by source and category of those stored before day counts were
     * kept, by advertised category of those classified before then (each category once, UNKNOWN when none,
     * as the live path counts a classification).
     */
    public com.adreview.store.DayTally.Page tallyUncounted(ObjectId after, int limit) {
        com.adreview.store.DayTally tally = new com.adreview.store.DayTally();
        long counted = 0;
        int read = 0;
        ObjectId last = after;
        for (org.bson.Document d : mongoCollection()
                .withDocumentClass(org.bson.Document.class)
                .find(com.mongodb.client.model.Filters.gt("_id", after != null ? after : new ObjectId(new byte[12])))
                .sort(Sorts.ascending("_id"))
                .limit(limit)
                .projection(com.mongodb.client.model.Projections.include(
                        "receivedAt", "source", "category", "adCategories", "dayCounted", "categoriesCounted"))) {
            read++;
            last = d.getObjectId("_id");
            if (d.getDate("receivedAt") == null) {
                continue;
            }
            String day = d.getDate("receivedAt")
                    .toInstant()
                    .atZone(java.time.ZoneOffset.UTC)
                    .toLocalDate()
                    .toString();
            boolean counts = false;
            if (!Boolean.TRUE.equals(d.get("dayCounted"))) {
                counts = true;
                tally.add(day, "source", d.getString("source"), 1);
                tally.add(day, "category", d.getString("category"), 1);
            }
            List<String> categories = d.getList("adCategories", String.class);
            if (categories != null && !Boolean.TRUE.equals(d.get("categoriesCounted"))) {
                counts = true;
                (categories.isEmpty() ? List.of("UNKNOWN") : new java.util.TreeSet<>(categories))
                        .forEach(c -> tally.add(day, "adCategory", c, 1));
            }
            if (counts) {
                counted++;
            }
        }
        return new com.adreview.store.DayTally.Page(last == null ? null : last.toHexString(), read, counted, tally);
    }

    /** Sets the backfilled complaint counts to the tally (and to zero where it has none). */
    public int setBackfilled(com.adreview.store.DayTally tally) {
        return tally().setBackfilled(DAY_DIMENSIONS, tally);
    }

    /** About how many records the collection holds (the store's own count, not a scan): for progress. */
    public long estimatedCount() {
        return mongoCollection().estimatedDocumentCount();
    }

    /** Whether any complaint was ever counted per day. */
    public boolean hasDayCounts() {
        return !tally().isEmpty();
    }

    /** Whether the first record stored (the lowest id) was stored before day counts were kept (not counted live). */
    public boolean oldestUncounted() {
        return com.adreview.store.DailyCountStore.oldestUncounted(mongoCollection());
    }
}
