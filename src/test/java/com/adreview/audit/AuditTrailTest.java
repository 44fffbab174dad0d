package com.adreview.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.store.embedded.EmbeddedStore;
import com.adreview.testing.RecordedEvents;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hash chain on a real (embedded) store: appends, idempotency, concurrency, and tampering found. */
class AuditTrailTest {

    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    private EmbeddedStore store;
    private MongoClient client;
    private AuditTrail trail;
    private MongoCollection<Document> entries;

    @BeforeEach
    void start() {
        store = EmbeddedStore.startInMemory();
        client = MongoClients.create(store.connectionString());
        trail = new AuditTrail(client.getDatabase("audit-test"), new RecordedEvents<>());
        trail.onStart(null);
        entries = client.getDatabase("audit-test").getCollection(AuditTrail.COLLECTION);
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    private static AuditEvent event(String key) {
        return new AuditEvent(
                key,
                AT,
                "reviewer:li",
                AuditAction.STATUS_CHANGED,
                "submission:" + key,
                new Document("status", "APPROVED").append("version", 3L),
                new Document("status", "PULLED").append("cause", "MANUAL_PULL").append("reason", "落地页诱导私聊"),
                "sha256:abc");
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            trail.append(event("e" + i));
        }
    }

    @Test
    void entriesAreNumberedInOrderAndEachNamesTheHashOfTheOneBefore() {
        appendFive();
        Document first = trail.entry(1);
        assertThat(first.getString("prevHash")).isEqualTo(AuditTrail.GENESIS);
        for (long seq = 2; seq <= 5; seq++) {
            assertThat(trail.entry(seq).getString("prevHash"))
                    .isEqualTo(trail.entry(seq - 1).getString("hash"));
        }
        assertThat(trail.verify())
                .isEqualTo(
                        new AuditTrail.Verification(true, 5, 5, trail.entry(5).getString("hash"), null, null));
    }

    @Test
    void anEventAppendedTwiceIsRecordedOnce() {
        trail.append(event("same"));
        assertThat(trail.append(List.of(event("same"), event("other")))).isEqualTo(1);
        assertThat(entries.countDocuments()).isEqualTo(2);
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void aFieldEditedInTheStoreIsNamedByItsSeq() {
        appendFive();
        entries.updateOne(eq("_id", 3L), Updates.set("after.status", "APPROVED"));
        AuditTrail.Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(3L);
        assertThat(v.problem()).contains("entry 3 was changed");
    }

    @Test
    void aDeletedEntryIsReportedAsAGap() {
        appendFive();
        entries.deleteOne(eq("_id", 2L));
        AuditTrail.Verification v = trail.verify();
        assertThat(v.firstBadSeq()).isEqualTo(2L);
        assertThat(v.problem()).isEqualTo("entry 2 is missing");
    }

    @Test
    void theLastEntryDeletedIsMissingToo() {
        appendFive();
        entries.deleteOne(eq("_id", 5L));
        assertThat(trail.verify().firstBadSeq()).isEqualTo(5L);
    }

    @Test
    void reorderedEntriesDoNotFollowEachOther() {
        appendFive();
        Document two = trail.entry(2);
        Document three = trail.entry(3);
        two.put("_id", 3L);
        three.put("_id", 2L);
        entries.deleteMany(new Document("_id", new Document("$in", List.of(2L, 3L))));
        entries.insertMany(List.of(three, two));
        AuditTrail.Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(2L);
    }

    @Test
    void concurrentAppendsMakeOneLinearChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    if (i % 5 == 0) {
                        trail.append(List.of(event(thread + "-" + i + "a"), event(thread + "-" + i + "b")));
                    } else {
                        trail.append(event(thread + "-" + i));
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(entries.countDocuments()).isEqualTo(8 * 30);
        AuditTrail.Verification v = trail.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.lastSeq()).isEqualTo(8 * 30);
    }

    @Test
    void theCanonicalEncodingIgnoresFieldOrderAndNumericType() {
        Document a = new Document("b", 5).append("a", List.of(1.0, "x"));
        Document b = new Document("a", List.of(1L, "x")).append("b", 5L);
        assertThat(CanonicalJson.of(a)).isEqualTo(CanonicalJson.of(b)).isEqualTo("{\"a\":[1,\"x\"],\"b\":5}");
        assertThat(AuditTrail.digest(a)).isEqualTo(AuditTrail.digest(b)).startsWith("sha256:");
    }
}
