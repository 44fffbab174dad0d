package com.adreview.outbox;

import static com.mongodb.client.model.Filters.exists;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.audit.AuditTrail;
import com.adreview.feed.AdChangeFeed;
import com.adreview.feed.FeedConfig;
import com.adreview.store.embedded.EmbeddedStore;
import com.adreview.testing.RecordedEvents;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit of publications: many writers publishing at once share feed and trail appends, and
 * still every publication is told exactly once, in one linear chain, with every outbox cleared; and
 * two instances (each with its own outbox and its own idea of where the logs end) stay on one chain.
 */
class OutboxGroupCommitTest {

    private static final Instant AT = Instant.parse("2026-12-05T08:00:00Z");
    private static final int THREADS = 8;
    private static final int PER_THREAD = 40;

    private EmbeddedStore store;
    private MongoClient client;
    private MongoDatabase database;
    private final Set<String> inserts = ConcurrentHashMap.newKeySet();
    /** Every append to the trail (one insert each), of every instance. */
    private final RecordedEvents<AuditTrail.Appended> appends = new RecordedEvents<>();

    @BeforeEach
    void start() {
        store = EmbeddedStore.startInMemory();
        client = MongoClients.create(store.connectionString());
        database = client.getDatabase("outbox-test");
    }

    /** The feeds made, closed before the store: each counts pulls in the background. */
    private final List<AdChangeFeed> feeds = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        feeds.forEach(AdChangeFeed::close);
        client.close();
        store.close();
    }

    /** One instance's outbox, trail and feed on the shared database. */
    private Outbox instance() {
        AuditTrail trail = new AuditTrail(database, appends);
        // What the logs make at start-up: one entry per key.
        for (String log : List.of(AuditTrail.COLLECTION, AdChangeFeed.COLLECTION)) {
            database.getCollection(log).createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        }
        FeedConfig config = () -> Duration.ofSeconds(5);
        AdChangeFeed feed = new AdChangeFeed(config, Clock.systemUTC(), database);
        feeds.add(feed);
        return new Outbox(trail, feed, database);
    }

    private static Publication publication(ObjectId id, String key) {
        return TestPublications.pull(id, key, AT);
    }

    /** Each thread writes documents with a publication in their outbox, then publishes them, all at once. */
    private void publishConcurrently(List<Outbox> outboxes) throws Exception {
        MongoCollection<Document> written = database.getCollection("things");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier together = new CyclicBarrier(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Outbox outbox = outboxes.get(t % outboxes.size());
            done.add(pool.submit(() -> {
                together.await();
                for (int i = 0; i < PER_THREAD; i++) {
                    ObjectId id = new ObjectId();
                    String key = "k-" + thread + "-" + i;
                    Publication p = publication(id, key);
                    written.insertOne(new Document("_id", id).append(Outbox.FIELD, Outbox.initial(p)));
                    if (i % 10 == 9) {
                        outbox.publish(List.of(p)); // a publication kept outside an outbox joins groups too
                        outbox.publish("things", id, p); // and a second time adds nothing
                    } else {
                        outbox.publish("things", id, p);
                    }
                    inserts.add(key);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    @Test
    void concurrentPublicationsShareAppendsAndAreEachToldOnce() throws Exception {
        Outbox outbox = instance();
        publishConcurrently(List.of(outbox));

        int total = THREADS * PER_THREAD;
        assertThat(inserts).hasSize(total);
        assertTold(total);
        assertThat(appends.fired())
                .as("trail appends for %d publications: concurrent callers share groups", total)
                .hasSizeLessThan(total);
        assertThat(appends.fired().stream().mapToInt(a -> a.entries().size()).sum())
                .isEqualTo(total);
    }

    @Test
    void twoInstancesPublishingAtOnceKeepOneChainAndOneFeed() throws Exception {
        publishConcurrently(List.of(instance(), instance()));
        assertTold(THREADS * PER_THREAD);
    }

    @Test
    void aLoneCallerIsWrittenAtOnceAndAFailureReachesItsCaller() {
        Outbox outbox = instance();
        ObjectId id = new ObjectId();
        Publication p = publication(id, "lone");
        database.getCollection("things").insertOne(new Document("_id", id).append(Outbox.FIELD, Outbox.initial(p)));
        outbox.publish("things", id, p);
        assertTold(1);

        client.close(); // the store is out of reach: the caller hears of it, nothing hangs
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> outbox.publish("things", new ObjectId(), publication(new ObjectId(), "after")))
                .isInstanceOf(IllegalStateException.class);
    }

    private void assertTold(int total) {
        MongoCollection<Document> trail = database.getCollection(AuditTrail.COLLECTION);
        MongoCollection<Document> feed = database.getCollection(AdChangeFeed.COLLECTION);
        assertThat(trail.countDocuments()).isEqualTo(total);
        assertThat(feed.countDocuments()).isEqualTo(total);
        AuditTrail verifier = new AuditTrail(database, new RecordedEvents<>());
        AuditTrail.Verification v = verifier.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.lastSeq()).isEqualTo(total);
        Set<Long> feedSeqs = new HashSet<>();
        Set<String> feedKeys = new HashSet<>();
        for (Document d : feed.find()) {
            feedSeqs.add(d.getLong("_id"));
            feedKeys.add(d.getString("key"));
        }
        assertThat(feedKeys).hasSize(total);
        assertThat(feedSeqs).hasSize(total).allMatch(s -> s >= 1 && s <= total);
        assertThat(database.getCollection("things").countDocuments(exists(Outbox.FIELD + ".0")))
                .as("documents whose outbox was not cleared")
                .isZero();
    }
}
