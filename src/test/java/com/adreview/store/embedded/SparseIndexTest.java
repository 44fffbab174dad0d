package com.adreview.store.embedded;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse index on one field answers {@code {field: {$exists: true}}} from its entries alone, and holds
 * exactly the documents that have the field, through inserts, pushes and pulls on an array, unsets,
 * nulls, replacements and deletes, across a reopen, and when created on a collection that has documents:
 * the outbox relay finds unpublished writes so instead of reading every collection whole every 30 s.
 */
class SparseIndexTest {

    @TempDir
    Path dir;

    /**
     * A seeded random run of the writes the outbox makes (and some it does not), checked after each step
     * against mongo-java-server's in-memory backend, which keeps no secondary index and so answers every
     * query by reading the whole collection: the same documents, and not one whole read on this side.
     */
    @Test
    void answersExistsLikeAWholeReadWithoutOne() {
        Path file = dir.resolve("sparse.mv.db");
        EmbeddedStore reference = EmbeddedStore.startReference();
        BsonH2Backend backend = new BsonH2Backend(EmbeddedStore.openFile(file));
        EmbeddedStore bson = EmbeddedStore.startOn(backend);
        Random random = new Random(20261208);
        List<Object> finalState;
        try (MongoClient r = MongoClients.create(reference.connectionString());
                MongoClient b = MongoClients.create(bson.connectionString())) {
            MongoCollection<Document> expected = prepare(r);
            MongoCollection<Document> actual = prepare(b);
            int nonEmpty = 0;
            for (int step = 0; step < 1_500; step++) {
                Consumer<MongoCollection<Document>> op = randomWrite(random, step);
                assertThat(outcome(op, actual)).as("step %d", step).isEqualTo(outcome(op, expected));
                long before = backend.fullScans();
                long read = backend.documentsRead();
                List<Object> found = pending(actual);
                assertThat(backend.fullScans()).as("step %d: whole reads", step).isEqualTo(before);
                // Only the documents with the field have entries: nothing else is read and filtered out.
                assertThat(backend.documentsRead() - read)
                        .as("step %d: documents read", step)
                        .isEqualTo(found.size());
                assertThat(found).as("step %d", step).isEqualTo(pending(expected));
                nonEmpty += found.isEmpty() ? 0 : 1;
            }
            assertThat(nonEmpty).as("steps with documents to find").isGreaterThan(500);
            // A query on other fields as well is still answered from the index, and filtered.
            long before = backend.fullScans();
            List<Object> some =
                    ids(actual.find(com.mongodb.client.model.Filters.and(exists("outbox.key"), eq("tag", "b"))));
            assertThat(some)
                    .isEqualTo(ids(
                            expected.find(com.mongodb.client.model.Filters.and(exists("outbox.key"), eq("tag", "b")))));
            assertThat(backend.fullScans()).isEqualTo(before);
            finalState = pending(actual);
        } finally {
            reference.close();
            bson.close();
        }

        BsonH2Backend reopened = new BsonH2Backend(EmbeddedStore.openFile(file));
        EmbeddedStore again = EmbeddedStore.startOn(reopened);
        try (MongoClient b = MongoClients.create(again.connectionString())) {
            MongoCollection<Document> kept = b.getDatabase("t").getCollection("ads");
            long before = reopened.fullScans();
            assertThat(pending(kept)).isEqualTo(finalState);
            assertThat(reopened.fullScans()).isEqualTo(before);
        } finally {
            again.close();
        }
    }

    /** Created on a collection that has documents (a store written by a release without it), it is filled from them. */
    @Test
    void createdOnDocumentsAlreadyThereHoldsThoseWithTheField() {
        BsonH2Backend backend = new BsonH2Backend(EmbeddedStore.openFile(dir.resolve("late.mv.db")));
        EmbeddedStore store = EmbeddedStore.startOn(backend);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("ads");
            for (int i = 0; i < 300; i++) {
                Document d = new Document("_id", "ad-" + i);
                switch (i % 4) {
                    case 0 -> d.append("outbox", List.of(new Document("key", "k" + i)));
                    case 1 -> d.append("outbox", List.of());
                    case 2 -> d.append("outbox", List.of(new Document("key", null)));
                    default -> {}
                }
                c.insertOne(d);
            }
            c.createIndex(
                    Indexes.ascending("outbox.key"),
                    new IndexOptions().sparse(true).name("unpublished"));
            long before = backend.fullScans();
            long read = backend.documentsRead();
            List<Object> found = pending(c);
            assertThat(backend.fullScans()).isEqualTo(before);
            assertThat(backend.documentsRead() - read).isEqualTo(found.size());
            // A key that is there with the value null counts as there, as in MongoDB; an empty array does not.
            assertThat(found).hasSize(150).allSatisfy(id -> assertThat(Integer.parseInt(((String) id).substring(3)) % 4)
                    .isIn(0, 2));
        } finally {
            store.close();
        }
    }

    /** What a write did: nothing to tell, or the kind of error it met (a push onto a null field, on both). */
    private static String outcome(Consumer<MongoCollection<Document>> op, MongoCollection<Document> c) {
        try {
            op.accept(c);
            return "ok";
        } catch (com.mongodb.MongoException e) {
            return "error " + e.getCode();
        }
    }

    private static MongoCollection<Document> prepare(MongoClient client) {
        MongoCollection<Document> c = client.getDatabase("t").getCollection("ads");
        c.createIndex(
                Indexes.ascending("outbox.key"), new IndexOptions().sparse(true).name("unpublished"));
        c.createIndex(Indexes.ascending("tag"));
        return c;
    }

    private static List<Object> pending(MongoCollection<Document> c) {
        return ids(c.find(exists("outbox.key")));
    }

    private static List<Object> ids(Iterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        for (Document d : documents) {
            ids.add(d.get("_id"));
        }
        ids.sort(java.util.Comparator.comparing(Object::toString));
        return ids;
    }

    /** One write on one of 40 documents; {@code step} names new keys, so a run never repeats one. */
    private static Consumer<MongoCollection<Document>> randomWrite(Random random, int step) {
        String id = "ad-" + random.nextInt(40);
        String key = "k" + step;
        String other = "k" + random.nextInt(step + 1);
        String tag = random.nextBoolean() ? "a" : "b";
        int emptying = random.nextInt(3);
        return switch (random.nextInt(10)) {
            case 0 -> c -> {
                if (c.find(eq("_id", id)).first() == null) {
                    c.insertOne(new Document("_id", id)
                            .append("tag", tag)
                            .append("outbox", List.of(new Document("key", key).append("at", step))));
                }
            };
            case 1, 2, 3 -> c -> c.updateOne(eq("_id", id), Updates.push("outbox", new Document("key", key)));
            case 4, 5 -> c -> c.updateOne(eq("_id", id), Updates.pull("outbox", new Document("key", other)));
            case 6 -> c -> c.updateOne(eq("_id", id), Updates.combine(Updates.set("tag", tag), Updates.inc("v", 1)));
            case 7 -> c -> c.updateOne(
                    eq("_id", id),
                    switch (emptying) {
                        case 0 -> Updates.unset("outbox");
                        case 1 -> Updates.set("outbox", null);
                        default -> Updates.set("outbox", List.of());
                    });
            case 8 -> c -> c.replaceOne(
                    eq("_id", id),
                    new Document("_id", id).append("tag", tag).append("outbox", List.of(new Document("key", key))),
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
            default -> c -> c.deleteOne(eq("_id", id));
        };
    }
}
