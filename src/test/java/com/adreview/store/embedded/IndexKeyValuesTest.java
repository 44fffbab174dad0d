package com.adreview.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The embedded store tells a document's index key values itself when they are plain
 * ({@link BsonH2Backend#plainKeyValues}): they must be exactly what mongo-java-server computes, on which
 * every index lookup, insert, update and removal relies.
 */
class IndexKeyValuesTest {

    private static final List<String> FIELDS = List.of("a", "b", "c", "d");

    /** A value of a random kind: those the fast path takes and those it leaves to mongo-java-server. */
    private static Object value(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> null;
            case 1 -> Missing.getInstance();
            case 2, 3 -> "s" + random.nextInt(5);
            case 4 -> new ObjectId();
            case 5 -> random.nextBoolean();
            case 6 -> Instant.ofEpochMilli(random.nextInt(1_000));
            case 7 -> random.nextInt(5) - 2;
            case 8 -> random.nextBoolean() ? -0.0 : random.nextInt(5) / 2.0;
            case 9 -> (long) random.nextInt(5);
            case 10 -> Long.MAX_VALUE - random.nextInt(3);
            case 11 -> List.of("x" + random.nextInt(3), "y");
            case 12 -> new Document("k", random.nextInt(3));
            default -> Double.NaN;
        };
    }

    @Test
    void plainKeyValuesAreMongoJavaServersOwnWheneverTheyAreTold() {
        Random random = new Random(20261207);
        int told = 0;
        int trials = 5_000;
        for (int trial = 0; trial < trials; trial++) {
            List<String> keys = new ArrayList<>();
            for (String field : FIELDS) {
                if (random.nextInt(3) > 0) {
                    keys.add(field);
                }
            }
            if (keys.isEmpty()) {
                keys.add("a");
            }
            if (random.nextInt(10) == 0) {
                keys.add("e.f"); // a path: always left to mongo-java-server
            }
            Document document = new Document();
            for (String field : FIELDS) {
                Object v = value(random);
                if (!(v instanceof Missing)) {
                    document.put(field, v);
                }
            }
            document.put("e", new Document("f", "nested"));
            MemoryUniqueIndex reference = new MemoryUniqueIndex(
                    "i", keys.stream().map(k -> new IndexKey(k, true)).toList(), false);
            Set<KeyValue> plain = BsonH2Backend.plainKeyValues(keys, document);
            if (plain != null) {
                told++;
                assertThat(plain)
                        .as("keys %s of %s", keys, document)
                        .isEqualTo(reference.getKeyValues(document))
                        .hasSameHashCodeAs(reference.getKeyValues(document));
            }
        }
        // Most documents of this mix have a key holding something the fast path leaves alone; it still
        // answers a good share, so the comparison above is not empty.
        assertThat(told).isGreaterThan(trials / 10);
    }

    @Test
    void theApplicationsUsualKeysAreToldWithoutMongoJavaServer() {
        ObjectId id = new ObjectId();
        Document submission = new Document("_id", id)
                .append("current", true)
                .append("status", "APPROVED")
                .append("category", "P2P_LENDING")
                .append("revision", 2)
                .append("receivedAt", Instant.parse("2026-12-07T00:00:00Z"));
        List<String> keys = List.of("current", "status", "category", "revision", "receivedAt", "absent", "_id");
        Set<KeyValue> plain = BsonH2Backend.plainKeyValues(keys, submission);
        assertThat(plain)
                .containsExactly(new KeyValue(
                        true, "APPROVED", "P2P_LENDING", 2.0, Instant.parse("2026-12-07T00:00:00Z"), null, id));
        assertThat(BsonH2Backend.plainKeyValues(List.of("tags"), new Document("tags", List.of("a"))))
                .as("an array: many key values, mongo-java-server's to tell")
                .isNull();
        assertThat(BsonH2Backend.plainKeyValues(List.of("a.b"), new Document("a", new Document("b", 1))))
                .as("a path")
                .isNull();
    }

    /**
     * The sparse index on an outbox's keys ({@code outbox.key}, {@code _id}): the values found along the
     * path, through arrays of documents, are mongo-java-server's own whenever the fast path tells them.
     */
    @Test
    void pathKeyValuesAreMongoJavaServersOwnWheneverTheyAreTold() {
        Random random = new Random(20261208);
        String[] steps = {"outbox", "key"};
        MemoryUniqueIndex reference = new MemoryUniqueIndex(
                "unpublished", List.of(new IndexKey("outbox.key", true), new IndexKey("_id", true)), true);
        int told = 0;
        int trials = 3_000;
        for (int trial = 0; trial < trials; trial++) {
            Document document = new Document("_id", random.nextBoolean() ? new ObjectId() : "id-" + random.nextInt(9));
            if (random.nextInt(10) == 0) {
                document.put("_id", random.nextInt(5));
            }
            List<Object> items = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                Document item = new Document("at", i);
                Object key = random.nextInt(6) == 0 ? value(random) : "k" + random.nextInt(4);
                if (!(key instanceof Missing)) {
                    item.put("key", key);
                }
                items.add(random.nextInt(15) == 0 ? "not a document" : item);
            }
            switch (random.nextInt(8)) {
                case 0 -> document.put("outbox", new Document("key", "k" + random.nextInt(3)));
                case 1 -> document.put("outbox", null);
                default -> document.put("outbox", items);
            }
            Set<KeyValue> told1 = BsonH2Backend.pathKeyValues(steps, document);
            if (told1 != null) {
                told++;
                assertThat(told1)
                        .as("%s", document)
                        .isEqualTo(reference.getKeyValues(document))
                        .hasSameHashCodeAs(reference.getKeyValues(document));
            }
        }
        assertThat(told).isGreaterThan(trials / 3);
    }
}
