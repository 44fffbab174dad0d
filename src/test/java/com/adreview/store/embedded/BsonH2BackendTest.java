package com.adreview.store.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BSON file backend answers exactly as mongo-java-server's in-memory backend does, for the
 * operations the service uses (guarded updates, $and and $in filters, unique indexes, sorted
 * finds), and keeps what it answered across a reopen: a seeded random sequence of operations run
 * against both.
 */
class BsonH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void answersLikeTheInMemoryBackendAndKeepsItsDataAcrossAReopen() {
        Path file = dir.resolve("store.mv.db");
        EmbeddedStore reference = EmbeddedStore.startReference();
        EmbeddedStore bson = EmbeddedStore.startOn(new BsonH2Backend(EmbeddedStore.openFile(file)));
        Random random = new Random(4711);
        try (MongoClient r = MongoClients.create(reference.connectionString());
                MongoClient b = MongoClients.create(bson.connectionString())) {
            MongoCollection<Document> expected = prepare(r);
            MongoCollection<Document> actual = prepare(b);
            for (int step = 0; step < 3_000; step++) {
                Function<MongoCollection<Document>, Object> op = randomOperation(random);
                assertThat(outcome(op, actual)).as("step %d", step).isEqualTo(outcome(op, expected));
            }
            assertThat(all(actual)).isEqualTo(all(expected)).isNotEmpty();
            List<Document> before = all(actual);
            bson.close();

            EmbeddedStore reopened = EmbeddedStore.startOn(new BsonH2Backend(EmbeddedStore.openFile(file)));
            try (MongoClient again = MongoClients.create(reopened.connectionString())) {
                MongoCollection<Document> kept = again.getDatabase("t").getCollection("c");
                assertThat(all(kept)).isEqualTo(before);
                Document any = before.get(0);
                assertThatThrownBy(() -> kept.insertOne(new Document("a", any.get("a")).append("b", any.get("b"))))
                        .isInstanceOfSatisfying(
                                MongoWriteException.class,
                                e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            } finally {
                reopened.close();
            }
        } finally {
            reference.close();
            bson.close();
        }
    }

    /**
     * An entity's complaints are read by an {@code $or} over its identifiers: each branch is looked up in
     * an index and nothing else of the collection is read, however many other complaints it holds. A
     * query no index answers is counted as the whole read it is.
     */
    @Test
    void anOrOfIndexedBranchesReadsNoWholeCollection() {
        BsonH2Backend backend = new BsonH2Backend(EmbeddedStore.openFile(dir.resolve("or.mv.db")));
        EmbeddedStore store = EmbeddedStore.startOn(backend);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("complaints");
            for (String field : List.of("creditCode", "domain")) {
                c.createIndex(
                        Indexes.compoundIndex(
                                Indexes.ascending(field), Indexes.descending("receivedAt"), Indexes.ascending("_id")),
                        new IndexOptions().unique(true));
            }
            List<Document> complaints = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                complaints.add(new Document("creditCode", "code-" + i)
                        .append("domain", "d" + (i % 500) + ".example")
                        .append("receivedAt", (long) i));
            }
            c.insertMany(complaints);
            long before = backend.fullScans();

            List<Document> found = c.find(and(
                            com.mongodb.client.model.Filters.or(
                                    in("creditCode", List.of("code-7", "code-1999")),
                                    in("domain", List.of("d3.example"))),
                            com.mongodb.client.model.Filters.gte("receivedAt", 5L)))
                    .sort(Sorts.ascending("receivedAt"))
                    .into(new ArrayList<>());

            assertThat(found).extracting(d -> d.getLong("receivedAt")).containsExactly(7L, 503L, 1003L, 1503L, 1999L);
            assertThat(backend.fullScans()).isEqualTo(before);

            c.find(com.mongodb.client.model.Filters.or(eq("creditCode", "code-7"), eq("receivedAt", 9L)))
                    .into(new ArrayList<>());
            assertThat(backend.fullScans()).as("a branch no index leads with").isEqualTo(before + 1);

            // A non-unique index, created on documents already there, answers its leading key.
            c.createIndex(Indexes.ascending("domain"));
            long beforeDomain = backend.fullScans();
            assertThat(c.find(eq("domain", "d42.example")).into(new ArrayList<>()))
                    .extracting(d -> d.getLong("receivedAt"))
                    .containsExactlyInAnyOrder(42L, 542L, 1042L, 1542L);
            assertThat(backend.fullScans()).isEqualTo(beforeDomain);

            // An array's elements lead a unique index each (the active links of accounts), and a plain
            // state leads one (the active suspensions): both read without a whole read.
            MongoCollection<Document> links = client.getDatabase("t").getCollection("links");
            links.createIndex(Indexes.ascending("accounts", "active"));
            for (int i = 0; i < 300; i++) {
                links.insertOne(new Document("accounts", List.of("acct-" + i, "acct-" + (i + 1)))
                        .append("active", i % 3 != 0)
                        .append("n", i));
            }
            long beforeLinks = backend.fullScans();
            assertThat(links.find(and(in("accounts", List.of("acct-4", "acct-10")), eq("active", true)))
                            .sort(Sorts.ascending("n"))
                            .into(new ArrayList<>()))
                    .extracting(d -> d.getInteger("n"))
                    .containsExactly(4, 10);
            assertThat(backend.fullScans()).isEqualTo(beforeLinks);
        } finally {
            store.close();
        }
    }

    /**
     * A sweep's planner pages through a category's live ads in id order, a page after the last id of the one
     * before: each page is read from the (current, status, category, _id) index and no further than the
     * page (its ids from the index alone), however many live ads the category has, and is what a scan finds. Read by the leading key of a
     * shorter index instead, every page read all the category's live ads.
     */
    @Test
    void aPageInIdOrderReadsOnlyThatPageFromAnIndexEndingInId() {
        BsonH2Backend backend = new BsonH2Backend(EmbeddedStore.openFile(dir.resolve("pages.mv.db")));
        EmbeddedStore store = EmbeddedStore.startOn(backend);
        EmbeddedStore reference = EmbeddedStore.startReference();
        try (MongoClient b = MongoClients.create(store.connectionString());
                MongoClient r = MongoClients.create(reference.connectionString())) {
            List<Document> ads = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                ads.add(new Document("_id", new org.bson.types.ObjectId())
                        .append("current", i % 5 != 0)
                        .append("status", i % 3 == 0 ? "PULLED" : "APPROVED")
                        .append("category", i % 2 == 0 ? "P2P_LENDING" : "INSURANCE")
                        .append("n", i));
            }
            List<MongoCollection<Document>> both = new ArrayList<>();
            for (MongoClient client : List.of(b, r)) {
                MongoCollection<Document> c = client.getDatabase("t").getCollection("submissions");
                c.createIndex(Indexes.ascending("current", "status", "category", "_id"));
                c.createIndex(Indexes.ascending("status"));
                c.insertMany(ads.stream().map(Document::new).toList());
                both.add(c);
            }
            long scansBefore = backend.fullScans();
            org.bson.types.ObjectId after = null;
            int pages = 0;
            int live = 0;
            do {
                Bson live2p = and(eq("current", true), eq("status", "APPROVED"), eq("category", "P2P_LENDING"));
                Bson filter = after == null ? live2p : and(gt("_id", after), live2p);
                long readBefore = backend.documentsRead();
                List<Document> page = both.get(0)
                        .find(filter)
                        .projection(com.mongodb.client.model.Projections.include("_id"))
                        .sort(Sorts.ascending("_id"))
                        .limit(100)
                        .into(new ArrayList<>());
                // Only ids, on nothing but the index's keys: answered from the index alone.
                assertThat(backend.documentsRead() - readBefore)
                        .as("page %d", pages)
                        .isZero();
                long wholeBefore = backend.documentsRead();
                List<Document> whole = both.get(0)
                        .find(filter)
                        .sort(Sorts.ascending("_id"))
                        .limit(100)
                        .into(new ArrayList<>());
                assertThat(backend.documentsRead() - wholeBefore)
                        .as("page %d", pages)
                        .isEqualTo(whole.size());
                assertThat(whole)
                        .as("page %d", pages)
                        .isEqualTo(both.get(1)
                                .find(filter)
                                .sort(Sorts.ascending("_id"))
                                .limit(100)
                                .into(new ArrayList<>()));
                assertThat(page)
                        .as("page %d", pages)
                        .isEqualTo(both.get(1)
                                .find(filter)
                                .projection(com.mongodb.client.model.Projections.include("_id"))
                                .sort(Sorts.ascending("_id"))
                                .limit(100)
                                .into(new ArrayList<>()));
                live += page.size();
                pages++;
                after = page.isEmpty() ? null : page.get(page.size() - 1).getObjectId("_id");
            } while (after != null);
            assertThat(live).isEqualTo(800); // 3,000 ads: current 4 in 5, approved 2 in 3, P2P 1 in 2
            assertThat(pages).isEqualTo(9);
            assertThat(backend.fullScans()).isEqualTo(scansBefore);
        } finally {
            store.close();
            reference.close();
        }
    }

    private static MongoCollection<Document> prepare(MongoClient client) {
        MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
        c.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
        c.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).sparse(true));
        // Not unique: the embedded store keeps it as unique on (status, version, _id); it must refuse nothing.
        c.createIndex(Indexes.ascending("status", "version"));
        // Sparse and not unique, on a field an update gives a document (as an outbox is pushed on a write).
        c.createIndex(Indexes.ascending("note.key"), new IndexOptions().sparse(true));
        // Kept as (status, _id) and (a, _id): a query fixing the key reads its run of the index in _id order,
        // from an _id range's lower bound (ids of several types among them) to the query's limit.
        c.createIndex(Indexes.ascending("status"));
        c.createIndex(Indexes.ascending("a"));
        return c;
    }

    private static Function<MongoCollection<Document>, Object> randomOperation(Random random) {
        long id = random.nextInt(300);
        String a = "acct-" + random.nextInt(10);
        int b = random.nextInt(10);
        long version = random.nextInt(4);
        String status = random.nextBoolean() ? "APPROVED" : "PULLED";
        List<Long> ids = List.of(id, id + 1, id + 7, (long) random.nextInt(300));
        switch (random.nextInt(19)) {
            case 0:
            case 1: {
                // Now and then an id of another type: ranges and scans must keep to MongoDB's type order.
                Object anId = random.nextInt(12) == 0 ? "id-" + id : id;
                Document doc = new Document("_id", anId)
                        .append("a", a)
                        .append("b", b)
                        .append("version", 0L)
                        .append("status", status)
                        .append("tags", new ArrayList<>(List.of("t" + b)));
                if (random.nextInt(3) == 0) {
                    doc.append("code", "code-" + random.nextInt(40));
                }
                return c -> {
                    c.insertOne(doc);
                    return "inserted";
                };
            }
            case 2: {
                Bson guarded = and(eq("_id", id), eq("version", version), eq("status", status));
                return c -> c.updateOne(
                                guarded,
                                Updates.combine(
                                        Updates.set("status", "PULLED"),
                                        Updates.inc("version", 1L),
                                        Updates.push("tags", "pulled"),
                                        Updates.push("note", new Document("key", "k" + version))))
                        .getModifiedCount();
            }
            case 3:
                return c -> c.updateMany(in("_id", ids), Updates.pull("tags", "pulled"))
                        .getModifiedCount();
            case 4:
                return c -> c.deleteOne(eq("_id", id)).getDeletedCount();
            case 5:
                return c -> c.find(and(eq("a", a), eq("b", b))).into(new ArrayList<>());
            case 6:
                return c -> c.find(in("_id", ids)).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            case 7:
                return c -> c.find(and(eq("status", status), gt("version", version)))
                        .sort(Sorts.descending("_id"))
                        .limit(5)
                        .into(new ArrayList<>());
            case 8:
                // Several accounts' documents by the index's first key: what a batch's revisions are read by.
                return c -> c.find(and(in("a", List.of(a, "acct-" + (b % 3), "acct-" + b)), eq("status", status)))
                        .sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>());
            case 9:
                return c ->
                        c.find(eq("a", a)).sort(Sorts.descending("b")).limit(3).into(new ArrayList<>());
            case 10:
                return c -> c.updateMany(
                                and(eq("a", a), com.mongodb.client.model.Filters.lt("b", b), eq("status", status)),
                                Updates.inc("version", 1L))
                        .getModifiedCount();
            case 11:
                // Paging through a range of ids in id order, as the sweep planner and the feed do.
                return c -> c.find(and(gt("_id", id), eq("status", status)))
                        .sort(Sorts.ascending("_id"))
                        .limit(1 + b)
                        .into(new ArrayList<>());
            case 12:
                return c -> c.find(and(
                                com.mongodb.client.model.Filters.gte("_id", id),
                                com.mongodb.client.model.Filters.lte("_id", id + b * 5L)))
                        .sort(Sorts.orderBy(Sorts.descending("version"), Sorts.ascending("_id")))
                        .into(new ArrayList<>());
            case 13:
                return c -> c.find(and(com.mongodb.client.model.Filters.lt("_id", (int) id), eq("a", a)))
                        .sort(Sorts.ascending("_id"))
                        .limit(4)
                        .into(new ArrayList<>());
            case 14:
                // A scan the prefilter looks at first: a top-level equality and one on an array's elements.
                return c -> c.find(and(eq("status", status), eq("tags", "t" + b)))
                        .sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>());
            case 15:
                // Ids only, of a range: what the sweep planner asks, answered without decoding documents.
                return c -> c.find(and(gt("_id", id), eq("status", status)))
                        .projection(com.mongodb.client.model.Projections.include("_id"))
                        .sort(Sorts.ascending("_id"))
                        .limit(1 + b)
                        .into(new ArrayList<>());
            case 16:
                return c -> c.find(and(eq("status", status), eq("a", a)))
                        .projection(com.mongodb.client.model.Projections.include("_id"))
                        .into(new java.util.TreeSet<Object>(java.util.Comparator.comparing(Object::toString)));
            case 17:
                // An entity's ads: any of its identifiers, as complaints look them up.
                return c -> c.find(com.mongodb.client.model.Filters.or(
                                in("a", List.of(a, "acct-" + (b % 3))), eq("code", "code-" + b)))
                        .sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>());
            case 18: {
                Bson second = random.nextBoolean() ? eq("code", "code-" + b) : eq("status", status);
                // The same with a range beside the $or and a branch on a key no index leads with (that
                // $or is matched by a scan): what an entity's complaints since a day are read by.
                return c -> c.find(and(
                                com.mongodb.client.model.Filters.or(in("a", List.of(a, "acct-" + (b % 3))), second),
                                com.mongodb.client.model.Filters.gte("version", version)))
                        .sort(Sorts.orderBy(Sorts.ascending("version"), Sorts.ascending("_id")))
                        .into(new ArrayList<>());
            }
            default: {
                Document exact = new Document("_id", id).append("version", version);
                return c -> c.find(exact).into(new ArrayList<>());
            }
        }
    }

    /** The result, or the kind of write error: both backends must refuse the same writes. */
    private static Object outcome(
            Function<MongoCollection<Document>, Object> op, MongoCollection<Document> collection) {
        try {
            return op.apply(collection);
        } catch (MongoWriteException e) {
            return e.getError().getCategory();
        }
    }

    private static List<Document> all(MongoCollection<Document> c) {
        return c.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
