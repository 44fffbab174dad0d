package com.adreview.outbox;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adreview.audit.AuditTrail;
import com.adreview.feed.AdChangeFeed;
import com.adreview.feed.FeedConfig;
import com.adreview.store.embedded.EmbeddedStore;
import com.adreview.testing.RecordedEvents;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When clearing an outbox fails after its publication reached the logs: a clearing that only tidies up
 * (the logs' heads already made the write durable) is logged and the caller goes on; a clearing that is
 * the owed write's durable one ({@link Outbox#settle}) fails its caller, which must not acknowledge. Either
 * way the publication is told once and stays in the outbox, where the relay finds it already told.
 */
class OutboxClearingFailureTest {

    private static final Instant AT = Instant.parse("2026-12-07T08:00:00Z");
    private static final String ADS = "ads";

    private EmbeddedStore store;
    private MongoClient client;
    private MongoDatabase database;
    /** Bulk writes to {@link #ADS} refused so far, by the planted failure. */
    private final AtomicInteger refused = new AtomicInteger();

    @BeforeEach
    void start() {
        store = EmbeddedStore.startInMemory();
        client = MongoClients.create(store.connectionString());
        database = client.getDatabase("outbox-clearing-test");
        for (String log : List.of(AuditTrail.COLLECTION, AdChangeFeed.COLLECTION)) {
            database.getCollection(log).createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        }
    }

    /** The feeds made, closed before the store: each counts pulls in the background. */
    private final List<AdChangeFeed> feeds = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        feeds.forEach(AdChangeFeed::close);
        client.close();
        store.close();
    }

    /** An outbox whose store refuses every bulk write to the ads' collection (its clearings), nothing else. */
    private Outbox outboxWhoseClearingsFail() {
        AuditTrail trail = new AuditTrail(database, new RecordedEvents<>());
        FeedConfig config = () -> Duration.ofSeconds(5);
        AdChangeFeed feed = new AdChangeFeed(config, Clock.systemUTC(), database);
        feeds.add(feed);
        return new Outbox(trail, feed, refusingBulkWritesTo(database));
    }

    private MongoDatabase refusingBulkWritesTo(MongoDatabase real) {
        return (MongoDatabase) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MongoDatabase.class}, (proxy, method, args) -> {
                    Object answer = invoke(real, method, args);
                    if (method.getName().equals("getCollection") && ADS.equals(args[0])) {
                        return refusingBulkWrites((MongoCollection<?>) answer);
                    }
                    return answer;
                });
    }

    private MongoCollection<?> refusingBulkWrites(MongoCollection<?> real) {
        return (MongoCollection<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("bulkWrite")) {
                        refused.incrementAndGet();
                        throw new MongoException("planted: the store refused the clearing");
                    }
                    Object answer = invoke(real, method, args);
                    // The clearing is written at another write concern: that collection refuses too.
                    return answer instanceof MongoCollection<?> c ? refusingBulkWrites(c) : answer;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** An ad written with its publication in its outbox, as a status change leaves it. */
    private record Written(ObjectId id, Publication publication) {}

    private Written written(String key) {
        ObjectId id = new ObjectId();
        Publication p = TestPublications.pull(id, key, AT);
        database.getCollection(ADS).insertOne(new Document("_id", id).append(Outbox.FIELD, Outbox.initial(p)));
        return new Written(id, p);
    }

    @Test
    void aFailedDurableClearingOfAnOwedPublicationFailsItsCallerAndTheRelayStillFindsItTold() {
        Outbox outbox = outboxWhoseClearingsFail();
        Written ad = written("owed");
        ObjectId id = ad.id();
        Publication p = ad.publication();

        Outbox.Owed owed = outbox.publishOwed(ADS, id, p);
        // No durable group came back since: settling writes the clearing durably, and that write fails.
        assertThatThrownBy(() -> outbox.settle(owed))
                .isInstanceOf(MongoException.class)
                .hasMessageContaining("planted");
        assertThat(refused).hasValue(1);

        assertTold("owed");
        assertThat(database.getCollection(ADS).countDocuments(eq("_id", id)))
                .as("the ad stays written")
                .isEqualTo(1);
        assertThat(database.getCollection(ADS).countDocuments(exists(Outbox.FIELD + ".0")))
                .as("the publication stays in the outbox, for the relay")
                .isEqualTo(1);
        // The relay's publishing it again adds nothing: the logs take each key once.
        outboxWhoseClearingsFail().publish(List.of(p));
        assertTold("owed");
    }

    @Test
    void aFailedClearingAfterADurableAppendIsOnlyLogged() {
        Outbox outbox = outboxWhoseClearingsFail();
        Written ad = written("published");

        outbox.publish(
                ADS, ad.id(), ad.publication()); // its group's heads were written durably: the clearing only tidies up

        assertThat(refused).hasValue(1);
        assertTold("published");
        assertThat(database.getCollection(ADS).countDocuments(exists(Outbox.FIELD + ".0")))
                .isEqualTo(1);
    }

    @Test
    void anOwedPublicationThatALaterDurableGroupCoveredSettlesDespiteAFailedClearing() {
        Outbox outbox = outboxWhoseClearingsFail();
        Written first = written("owed-first");
        Outbox.Owed owed = outbox.publishOwed(ADS, first.id(), first.publication());

        // Another request's publication, written durably after it: its commit holds the owed one too.
        Written later = written("durable-later");
        outbox.publish(ADS, later.id(), later.publication());

        outbox.settle(owed); // covered, so its clearing's failure is only logged

        assertThat(refused).hasValue(2);
        assertTold("owed-first", "durable-later");
    }

    /** The logs hold exactly these keys, once each, and the trail verifies. */
    private void assertTold(String... keys) {
        MongoCollection<Document> trail = database.getCollection(AuditTrail.COLLECTION);
        MongoCollection<Document> feed = database.getCollection(AdChangeFeed.COLLECTION);
        assertThat(trail.find().map(d -> d.getString("key")).into(new java.util.ArrayList<>()))
                .containsExactlyInAnyOrder(keys);
        assertThat(feed.find().map(d -> d.getString("key")).into(new java.util.ArrayList<>()))
                .containsExactlyInAnyOrder(keys);
        AuditTrail.Verification v = new AuditTrail(database, new RecordedEvents<>()).verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
    }
}
