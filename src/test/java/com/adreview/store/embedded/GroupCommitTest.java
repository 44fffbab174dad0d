package com.adreview.store.embedded;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ReadConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which replies wait for a commit, that they wait for one, and that many writers share one: on the
 * in-memory store, with a commit window long enough to see the wait from outside.
 */
class GroupCommitTest {

    private static final Duration WINDOW = Duration.ofMillis(300);

    @Test
    void aWriteIsAnsweredOnlyAfterACommitAndAPlainReadAtOnce() {
        EmbeddedStore store = EmbeddedStore.startOn(new MVStore.Builder().open(), Durability.COMMIT, WINDOW);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
            c.insertOne(new Document("_id", 0)); // the connection is open and warm
            long commitsBefore = store.commits();

            long write = timed(() -> c.insertOne(new Document("_id", 1)));
            assertThat(write)
                    .as("insert answered after the window and a commit")
                    .isGreaterThanOrEqualTo(250);
            assertThat(store.commits()).isGreaterThan(commitsBefore);

            long read = timed(() -> c.find(eq("_id", 1)).first());
            assertThat(read).as("a plain read waits for nothing").isLessThan(200);

            long majority = timed(() -> assertThat(c.withReadConcern(ReadConcern.MAJORITY)
                            .find(eq("_id", 1))
                            .first())
                    .isNotNull());
            assertThat(majority).as("a read at majority waits for a commit").isGreaterThanOrEqualTo(250);

            long update = timed(() -> c.updateOne(eq("_id", 1), new Document("$set", new Document("x", 1))));
            long delete = timed(() -> c.deleteOne(eq("_id", 0)));
            long findAndModify =
                    timed(() -> c.findOneAndUpdate(eq("_id", 1), new Document("$inc", new Document("x", 1))));
            long index = timed(() -> c.createIndex(new Document("x", 1)));
            assertThat(List.of(update, delete, findAndModify, index))
                    .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(250));
        } finally {
            store.close();
        }
    }

    @Test
    void concurrentWritersShareCommits(@TempDir Path dir) throws Exception {
        EmbeddedStore store = EmbeddedStore.startOn(
                EmbeddedStore.openFile(dir.resolve("store.mv.db")), Durability.COMMIT, Duration.ZERO);
        int writers = 16;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (MongoClient client = MongoClients.create(store.connectionString() + "/?maxPoolSize=" + writers)) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
            c.insertOne(new Document("_id", "warm"));
            long commitsBefore = store.commits();
            long repliesBefore = store.committedReplies();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        c.insertOne(new Document("_id", writer + ":" + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            long commits = store.commits() - commitsBefore;
            long replies = store.committedReplies() - repliesBefore;
            assertThat(replies).isGreaterThanOrEqualTo((long) writers * each);
            System.out.printf("%d replies in %d commits%n", replies, commits);
            assertThat(commits).as("%d replies in %d commits", replies, commits).isLessThan(replies * 3 / 4);
            assertThat(c.countDocuments()).isEqualTo(writers * each + 1L);
        } finally {
            pool.shutdownNow();
            store.close();
        }
    }

    @Test
    void commandsThatMayWriteWaitAndReadsDoNot() {
        org.bson.Document majority = new org.bson.Document("level", "majority");
        assertThat(DurableReplies.mustWait(command("insert"))).isTrue();
        assertThat(DurableReplies.mustWait(command("update"))).isTrue();
        assertThat(DurableReplies.mustWait(command("delete"))).isTrue();
        assertThat(DurableReplies.mustWait(command("findAndModify"))).isTrue();
        assertThat(DurableReplies.mustWait(command("createIndexes"))).isTrue();
        assertThat(DurableReplies.mustWait(command("drop"))).isTrue();
        assertThat(DurableReplies.mustWait(command("somethingNew")))
                .as("unknown: may write")
                .isTrue();
        assertThat(DurableReplies.mustWait(command("find"))).isFalse();
        assertThat(DurableReplies.mustWait(command("getMore"))).isFalse();
        assertThat(DurableReplies.mustWait(command("hello"))).isFalse();
        assertThat(DurableReplies.mustWait(command("find").append("readConcern", mongo(majority))))
                .isTrue();
        assertThat(DurableReplies.mustWait(
                        command("find").append("readConcern", mongo(new org.bson.Document("level", "local")))))
                .isFalse();
        de.bwaldvogel.mongo.bson.Document out = command("aggregate");
        out.put("pipeline", List.of(mongo(new org.bson.Document("$out", "x"))));
        assertThat(DurableReplies.mustWait(out)).isTrue();
        de.bwaldvogel.mongo.bson.Document plain = command("aggregate");
        plain.put("pipeline", List.of(mongo(new org.bson.Document("$match", new org.bson.Document()))));
        assertThat(DurableReplies.mustWait(plain)).isFalse();
    }

    @Test
    void aWriteALaterDurableWriteCoversDoesNotWait() {
        // What the driver sends for CoveredWrites.of(collection) under the service's w=majority, j=true.
        de.bwaldvogel.mongo.bson.Document covered = command("insert");
        covered.put("writeConcern", mongo(new org.bson.Document("w", "majority").append("j", false)));
        assertThat(DurableReplies.mustWait(covered)).isFalse();
        de.bwaldvogel.mongo.bson.Document journaled = command("update");
        journaled.put("writeConcern", mongo(new org.bson.Document("w", "majority").append("j", true)));
        assertThat(DurableReplies.mustWait(journaled)).isTrue();
        de.bwaldvogel.mongo.bson.Document majorityOnly = command("delete");
        majorityOnly.put("writeConcern", mongo(new org.bson.Document("w", "majority")));
        assertThat(DurableReplies.mustWait(majorityOnly)).as("j unset: waits").isTrue();
        de.bwaldvogel.mongo.bson.Document stringly = command("insert");
        stringly.put("writeConcern", mongo(new org.bson.Document("j", "false")));
        assertThat(DurableReplies.mustWait(stringly))
                .as("only the boolean false")
                .isTrue();
    }

    @Test
    void theModeIsNamedInAnyCaseAndAnUnknownOneIsRefused() {
        assertThat(Durability.parse("commit")).isEqualTo(Durability.COMMIT);
        assertThat(Durability.parse(" FSYNC ")).isEqualTo(Durability.FSYNC);
        assertThat(Durability.parse("Delayed")).isEqualTo(Durability.DELAYED);
        assertThatThrownBy(() -> Durability.parse("journal"))
                .hasMessageContaining("adreview.store.embedded.durability")
                .hasMessageContaining("journal");
    }

    private static de.bwaldvogel.mongo.bson.Document command(String name) {
        de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document(name, "c");
        d.put("$db", "t");
        return d;
    }

    private static de.bwaldvogel.mongo.bson.Document mongo(org.bson.Document d) {
        de.bwaldvogel.mongo.bson.Document out = new de.bwaldvogel.mongo.bson.Document();
        d.forEach(out::put);
        return out;
    }

    /** A file whose every force takes {@link #SLOW_FORCE}, as the disk here now and then takes 75-110 ms for one. */
    private static final class SlowForceFile extends SingleFileStore {
        SlowForceFile(Path file) {
            super(new HashMap<>());
            open(file.toString(), false, (char[]) null);
        }

        @Override
        public void sync() {
            try {
                Thread.sleep(SLOW_FORCE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.sync();
        }
    }

    private static final Duration SLOW_FORCE = Duration.ofMillis(400);

    /**
     * With {@code commit}, a reply waits for its commit only: the file's periodic force comes after the replies
     * of the commit before it are released, so however slow the force, they do not wait for it. With
     * {@code fsync}, every reply waits for the force.
     */
    @Test
    void aSlowForceHoldsNoReplyOfTheCommitBeforeItUnlessEachWriteIsForced(@TempDir Path dir) throws Exception {
        for (Durability durability : List.of(Durability.COMMIT, Durability.FSYNC)) {
            SlowForceFile file = new SlowForceFile(dir.resolve(durability + ".mv.db"));
            MVStore mvStore = new MVStore.Builder().adoptFileStore(file).open();
            EmbeddedStore store = EmbeddedStore.startOn(mvStore, durability, Duration.ZERO);
            try (MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
                c.insertOne(new Document("_id", "warm"));
                List<Long> writes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    // Past the force interval, and past the force the write before it set off.
                    Thread.sleep(GroupCommit.FORCE_INTERVAL.toMillis() + SLOW_FORCE.toMillis() + 100);
                    writes.add(timed(() -> c.insertOne(new Document("x", 1))));
                }
                if (durability == Durability.COMMIT) {
                    assertThat(writes)
                            .as("writes answered before the force their commit set off")
                            .allSatisfy(ms -> assertThat(ms).isLessThan(SLOW_FORCE.toMillis() / 2));
                } else {
                    assertThat(writes).as("each write answered after its force").allSatisfy(ms -> assertThat(ms)
                            .isGreaterThanOrEqualTo(SLOW_FORCE.toMillis()));
                }
            } finally {
                store.close();
                file.close();
            }
        }
    }

    private static long timed(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
