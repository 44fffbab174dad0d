package com.adreview.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;

/**
 * An append-only log in one collection, as the ad change feed and the audit trail are: entries
 * numbered 1, 2, 3, … under the unique {@code _id}, so two writers can never take the same number and
 * no number is skipped; and a unique {@code key} per entry, so appending what is already there (a
 * retry, a relay of an interrupted write) adds nothing.
 *
 * <p>The end of the log is found from a hint kept in {@code logHeads} and a probe of the numbers after
 * it by {@code _id}, never by sorting the collection: both are index lookups, in MongoDB and in the
 * embedded store alike. A batch goes in as one ordered insert; if another writer took a number first,
 * the rest of the batch is numbered again after it.
 *
 * <p>Those reads are made only when needed: the log remembers the last entry it wrote or found, and a
 * batch is first numbered after that one. This is safe with any number of writers (other instances,
 * other logs on the collection): entries are never rewritten and {@code _id} is unique, so when entry
 * {@code n + 1} goes in, the remembered entry {@code n} is the one before it, and a new entry's link to
 * it is right. When someone else has taken {@code n + 1}, the insert is refused and the end is read from
 * the store as before. So a single writer appends a batch in two round trips (the insert and the head),
 * however long the log.
 *
 * <p>Whoever hands entries or positions to a client reads through {@link #committed()}: at read concern
 * {@code majority}, so that no client is given an entry a failure could still take back — on a replica
 * set one the primary has not yet replicated to a majority, on the embedded store one whose commit has
 * not reached the file (its reply waits for that commit). A writer needs no such view: an entry it
 * numbers after one not yet durable can only become durable with or after it (a replica set's oplog and
 * the embedded store's commits are both in order), so the chain never points at a lost entry.
 */
public final class AppendLog {

    /** Makes the stored entry for an item, given its number and the entry before it (null for the first). */
    @FunctionalInterface
    public interface Numbering {
        Document entry(long seq, Document previous, Document item);
    }

    public static final String KEY = "key";
    private static final int PROBE = 64;
    private static final int MAX_ATTEMPTS = 100;

    private final String name;
    private final MongoCollection<Document> entries;
    /** {@link #entries} for inserts the head's write after them makes durable ({@link CoveredWrites}). */
    private final MongoCollection<Document> coveredEntries;

    private final MongoCollection<Document> heads;
    /** The last entry this log wrote or read, or null: where the next batch is first tried. */
    private final AtomicReference<Document> knownLast = new AtomicReference<>();
    /** The same log read at majority ({@link #committed()}); this log itself, if it is that view. */
    private final AppendLog committed;

    private final boolean readOnly;

    public AppendLog(MongoDatabase database, String collection) {
        this.name = collection;
        this.entries = database.getCollection(collection);
        this.coveredEntries = CoveredWrites.of(entries);
        this.heads = database.getCollection("logHeads");
        this.readOnly = false;
        this.committed = new AppendLog(this);
    }

    private AppendLog(AppendLog log) {
        this.name = log.name;
        this.entries = log.entries.withReadConcern(ReadConcern.MAJORITY);
        this.coveredEntries = entries;
        this.heads = log.heads.withReadConcern(ReadConcern.MAJORITY);
        this.readOnly = true;
        this.committed = this;
    }

    public MongoCollection<Document> entries() {
        return entries;
    }

    /**
     * The log as far as it is durable: entries and ends read at read concern {@code majority}. For the
     * readers that give entries or positions to clients (the feed, the audit trail's pages, export and
     * verification, checkpoints); it cannot append.
     */
    public AppendLog committed() {
        return committed;
    }

    public void ensureIndexes() {
        entries.createIndex(
                Indexes.ascending(KEY), new IndexOptions().unique(true).name("one_entry_per_key"));
    }

    /**
     * Appends the items not yet in the log, in order, each under the next number.
     *
     * @param items documents with a unique {@value #KEY}
     * @return the entries this call wrote (items already in the log are left out)
     */
    public List<Document> append(List<Document> items, Numbering numbering) {
        if (readOnly) {
            throw new UnsupportedOperationException("the committed view of " + name + " is read-only");
        }
        // Items are almost always new: they are first tried as they are, and only a refusal (one was
        // appended already, by a retry or a relay) makes the rest be checked against the log.
        List<Document> pending = items;
        List<Document> written = new ArrayList<>(pending.size());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Document known = attempt == 1 ? knownLast.get() : null;
            Document last = known != null ? known : last();
            long seq = last == null ? 0 : last.getLong("_id");
            List<Document> batch = new ArrayList<>(pending.size());
            Document previous = last;
            for (Document item : pending) {
                Document entry = numbering.entry(++seq, previous, item);
                batch.add(entry);
                previous = entry;
            }
            try {
                // Covered by the head's write after it (CoveredWrites): one wait for a commit, not two.
                coveredEntries.insertMany(batch, new InsertManyOptions().ordered(true));
                written.addAll(batch);
                advanceHead(seq);
                remember(previous);
                return written;
            } catch (MongoBulkWriteException e) {
                BulkWriteError first = e.getWriteErrors().get(0);
                if (ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY
                        || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                // Ordered: everything before the refused entry is in. Another writer took the next number,
                // or already appended one of these items; number the rest again after the new end.
                int in = first.getIndex();
                written.addAll(batch.subList(0, in));
                if (in > 0) {
                    advanceHead(batch.get(in - 1).getLong("_id"));
                    remember(batch.get(in - 1));
                }
                pending = notYetIn(pending.subList(in, pending.size()));
            }
        }
        return written;
    }

    /** The number of the last entry the log has recorded for itself: where it ends unless entries were removed. */
    public long recordedEnd() {
        Document head = heads.find(eq("_id", name)).first();
        return head == null ? 0 : ((Number) head.get("last")).longValue();
    }

    /** The last entry, or null when the log is empty. */
    public Document last() {
        long end = recordedEnd();
        while (true) {
            List<Long> window = new ArrayList<>(PROBE);
            for (long n = end + 1; n <= end + PROBE; n++) {
                window.add(n);
            }
            long furthest = end;
            for (Document d : entries.find(in("_id", window)).projection(Projections.include("_id"))) {
                furthest = Math.max(furthest, d.getLong("_id"));
            }
            if (furthest == end) {
                break;
            }
            end = furthest;
        }
        if (end == 0) {
            return null;
        }
        Document last = entries.find(eq("_id", end)).first();
        // Only when entries were removed behind the log's back (the audit trail's tamper tests do that):
        // then the real end is found the slow way.
        if (last == null) {
            last = entries.find().sort(Sorts.descending("_id")).limit(1).first();
        }
        if (last != null) {
            remember(last);
        }
        return last;
    }

    /** Keeps the entry as the known end, unless a later one is known already. */
    private void remember(Document entry) {
        long seq = entry.getLong("_id");
        knownLast.accumulateAndGet(
                entry, (known, candidate) -> known == null || known.getLong("_id") < seq ? candidate : known);
    }

    /** Entries {@code from} to {@code to} (inclusive) that exist, in order: an index lookup, not a scan. */
    public List<Document> range(long from, long to) {
        List<Long> window = new ArrayList<>((int) Math.max(0, to - from + 1));
        for (long n = from; n <= to; n++) {
            window.add(n);
        }
        List<Document> out = entries.find(in("_id", window)).into(new ArrayList<>());
        out.sort((a, b) -> Long.compare(a.getLong("_id"), b.getLong("_id")));
        return out;
    }

    private List<Document> notYetIn(List<Document> items) {
        if (items.isEmpty()) {
            return items;
        }
        List<String> keys = new ArrayList<>(items.size());
        for (Document item : items) {
            keys.add(item.getString(KEY));
        }
        Set<String> present = new HashSet<>();
        for (Document d : entries.find(in(KEY, keys)).projection(Projections.include(KEY))) {
            present.add(d.getString(KEY));
        }
        if (present.isEmpty()) {
            return items;
        }
        List<Document> out = new ArrayList<>(items.size() - present.size());
        for (Document item : items) {
            if (!present.contains(item.getString(KEY))) {
                out.add(item);
            }
        }
        return out;
    }

    private void advanceHead(long seq) {
        DeferredHeads deferred = DEFERRED.get();
        if (deferred != null) {
            deferred.advance(heads, name, seq);
            return;
        }
        heads.updateOne(eq("_id", name), Updates.max("last", seq), new UpdateOptions().upsert(true));
    }

    /** Heads this thread's appends advanced while {@link #withHeadsTogether} runs, written at its end. */
    private static final ThreadLocal<DeferredHeads> DEFERRED = new ThreadLocal<>();

    private static final class DeferredHeads {
        boolean durable;
        MongoCollection<Document> heads;
        final java.util.Map<String, Long> last = new java.util.LinkedHashMap<>();

        DeferredHeads(boolean durable) {
            this.durable = durable;
        }

        void advance(MongoCollection<Document> collection, String log, long seq) {
            heads = collection;
            last.merge(log, seq, Math::max);
        }

        void write() {
            if (last.isEmpty()) {
                return;
            }
            List<com.mongodb.client.model.WriteModel<Document>> updates = new ArrayList<>(last.size());
            last.forEach((log, seq) -> updates.add(new com.mongodb.client.model.UpdateOneModel<>(
                    eq("_id", log), Updates.max("last", seq), new UpdateOptions().upsert(true))));
            (durable ? heads : CoveredWrites.of(heads))
                    .bulkWrite(updates, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
        }
    }

    /**
     * Runs appends to several logs (the ad change feed and the audit trail of one publication) and then
     * advances all their heads in one write, instead of one write per log: the head is where
     * {@link #last()} starts probing and how far {@link #recordedEnd()} says the log went, never the
     * only record of an entry, so recording it once after the entries is as safe as after each batch
     * (a crash in between leaves entries past the head, which the probe finds). Heads are written even
     * when the work fails part way, for the entries it did append. Nested calls join the outer one.
     */
    public static void withHeadsTogether(Runnable appends) {
        withHeadsTogether(true, appends);
    }

    /**
     * {@link #withHeadsTogether(Runnable)}, with the heads written covered ({@link CoveredWrites}) unless
     * {@code durable}: for appends whose caller makes them durable by a later write of its own.
     */
    public static void withHeadsTogether(boolean durable, Runnable appends) {
        DeferredHeads outer = DEFERRED.get();
        if (outer != null) {
            outer.durable |= durable; // a nested durable call makes the one write durable
            appends.run();
            return;
        }
        DeferredHeads deferred = new DeferredHeads(durable);
        DEFERRED.set(deferred);
        try {
            appends.run();
        } catch (RuntimeException e) {
            DEFERRED.remove();
            try {
                deferred.write();
            } catch (RuntimeException headFailure) {
                e.addSuppressed(headFailure);
            }
            throw e;
        }
        DEFERRED.remove();
        deferred.write();
    }
}
