package com.adreview.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Counts per day, kept as they happen: one small document per (day, dimension, value). A dashboard panel
 * then reads at most days × values documents, however many submissions or complaints there are.
 *
 * <p>Counting is off the request path: {@link #add} only adds to this instance's tally in memory, and a
 * background flush (every {@value #FLUSH_MILLIS} ms, at {@link #read}, and at shutdown) raises each
 * document by its sum with one unordered bulk of single-document upserts. So intake pays no store round
 * trip for the dashboard (issue 16's budget), a read on this instance sees every count it made, and a read
 * on another instance sees them at most a flush later. What a hard kill loses is the last flush interval's
 * counts, which a dashboard can bear; a failed flush keeps its counts for the next one.
 *
 * <p>A count is two fields: {@code n}, raised by the live path, and {@code b}, set by the backfill of
 * records stored before they were counted ({@link #setBackfilled}). Each has one writer, so a backfill
 * that runs while counts are raised, runs twice or resumes after a crash neither loses nor doubles a count:
 * it only ever sets {@code b} to what the records the live path did not count say, and the records the
 * live path counts are marked as counted when they are stored, so the backfill leaves them out.
 */
public final class DailyCountStore {

    private static final Logger LOG = Logger.getLogger(DailyCountStore.class);

    static final long FLUSH_MILLIS = 1_000;

    private final MongoCollection<Document> collection;
    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private final ReentrantLock flushing = new ReentrantLock();
    private final ScheduledExecutorService timer;

    public DailyCountStore(MongoCollection<Document> collection) {
        this.collection = collection;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "daily-counts-" + collection.getNamespace().getCollectionName());
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Writes what is pending and stops the background flush. */
    public void close() {
        timer.shutdownNow();
        flush();
    }

    public void ensureIndexes() {
        collection.createIndex(Indexes.ascending("dim", "day"));
    }

    /** One count to raise. */
    public record Key(String day, String dim, String value) {}

    /** Raises each key's count by one (a key given twice, by two): in memory, written by the next flush. */
    public void add(Collection<Key> keys) {
        keys.forEach(k -> pending.merge(k, 1L, Long::sum));
    }

    /** Writes every pending count: one unordered bulk of upserts; on failure the counts stay pending. */
    public void flush() {
        flushing.lock();
        try {
            Map<Key, Long> taken = new LinkedHashMap<>();
            for (Key k : pending.keySet()) {
                Long n = pending.remove(k); // atomic per key: an add after this starts a new entry
                if (n != null) {
                    taken.put(k, n);
                }
            }
            if (taken.isEmpty()) {
                return;
            }
            List<WriteModel<Document>> writes = new ArrayList<>(taken.size());
            taken.forEach((k, n) -> writes.add(new UpdateOneModel<>(
                    eq("_id", k.dim() + "|" + k.day() + "|" + k.value()),
                    Updates.combine(
                            Updates.setOnInsert("dim", k.dim()),
                            Updates.setOnInsert("day", k.day()),
                            Updates.setOnInsert("value", k.value()),
                            Updates.inc("n", n)),
                    new UpdateOptions().upsert(true))));
            try {
                collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (RuntimeException e) {
                // Counted again next time. (A bulk that failed part-way may have raised some of them: an
                // over-count of that flush, which only a store failure mid-bulk can cause.)
                taken.forEach((k, n) -> pending.merge(k, n, Long::sum));
                throw e;
            }
        } finally {
            flushing.unlock();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Daily counts not written yet (%s); retrying", e.getMessage());
        }
    }

    /** The counts of a dimension on the days: by the (dim, day) index. */
    public Map<Key, Long> read(String dim, Collection<String> days) {
        flushQuietly();
        Map<Key, Long> out = new LinkedHashMap<>();
        for (Document d : collection.find(and(eq("dim", dim), in("day", new ArrayList<>(days))))) {
            long n = longOf(d.get("n")) + longOf(d.get("b"));
            out.put(new Key(d.getString("day"), dim, d.getString("value")), n);
        }
        return out;
    }

    private static long longOf(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    /** Whether any count was ever written (live or backfilled). */
    public boolean isEmpty() {
        flushQuietly();
        return collection.find().limit(1).first() == null;
    }

    /**
     * Sets the backfilled part of the counts of the dimensions to {@code tally}, and to zero where a count of
     * those dimensions has one the tally no longer gives: one read of the counts that have a backfilled part,
     * then unordered bulks of single-document updates. Setting, not raising, makes it idempotent; the live
     * part {@code n} is never touched.
     *
     * @return how many count documents it set
     */
    public int setBackfilled(Collection<String> dims, DayTally tally) {
        Map<Key, Long> counts = tally.counts();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document d : collection.find(and(in("dim", new ArrayList<>(dims)), gt("b", 0)))) {
            Key key = new Key(d.getString("day"), d.getString("dim"), d.getString("value"));
            if (!counts.containsKey(key)) {
                writes.add(new UpdateOneModel<>(eq("_id", d.get("_id")), Updates.set("b", 0L)));
            }
        }
        counts.forEach((k, n) -> {
            if (dims.contains(k.dim())) {
                writes.add(new UpdateOneModel<>(
                        eq("_id", k.dim() + "|" + k.day() + "|" + k.value()),
                        Updates.combine(
                                Updates.setOnInsert("dim", k.dim()),
                                Updates.setOnInsert("day", k.day()),
                                Updates.setOnInsert("value", k.value()),
                                Updates.set("b", n)),
                        new UpdateOptions().upsert(true)));
            }
        });
        for (int i = 0; i < writes.size(); i += 1_000) {
            collection.bulkWrite(
                    writes.subList(i, Math.min(writes.size(), i + 1_000)), new BulkWriteOptions().ordered(false));
        }
        return writes.size();
    }

    /** The mark the live path sets on a record it has counted, in the same write that stores the record. */
    public static final String COUNTED_MARK = "dayCounted";

    /**
     * Whether the first record a collection holds (the lowest id) was stored before day counts were kept: not
     * marked as counted by the live path. False for an empty collection.
     */
    public static boolean oldestUncounted(MongoCollection<?> records) {
        Document d = records.withDocumentClass(Document.class)
                .find()
                .sort(com.mongodb.client.model.Sorts.ascending("_id"))
                .projection(com.mongodb.client.model.Projections.include(COUNTED_MARK))
                .limit(1)
                .first();
        return d != null && !Boolean.TRUE.equals(d.get(COUNTED_MARK));
    }
}
