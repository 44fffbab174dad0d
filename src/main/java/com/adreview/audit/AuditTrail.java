package com.adreview.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.adreview.store.AppendLog;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The audit trail: append-only, every entry numbered ({@code seq}, contiguous) and chained to the one
 * before by {@code prevHash}, its own {@code hash} a SHA-256 over its canonical encoding. The
 * unique {@code seq} (the id) makes concurrent appends queue up into one linear chain instead of
 * forking it: an entry's {@code prevHash} is always that of the entry numbered one before it, and
 * entries are never rewritten, so no two entries can follow the same one. Changing, deleting or
 * reordering an entry in the store breaks the chain where it happened, and {@link #verify()} names
 * that place.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String COLLECTION = "auditEvents";
    static final String GENESIS = "0".repeat(64);
    private static final String OLD_SUCCESSOR_INDEX = "one_successor";
    private static final int VERIFY_WINDOW = 1_000;

    private final AppendLog log;
    private final Event<Appended> appended;

    public AuditTrail(MongoDatabase database, Event<Appended> appended) {
        this.log = new AppendLog(database, COLLECTION);
        this.appended = appended;
    }

    /** Entries just appended, in trail order (fired synchronously by the appending thread). */
    public record Appended(List<Document> entries) {}

    /** Before anything appends at start-up. */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 10) StartupEvent event) {
        log.ensureIndexes();
        // A unique index on prevHash guarded the same as the unique seq does, and cost a write to a
        // random place in it per entry (hashes have no order): trails created with it lose it.
        for (Document index : log.entries().listIndexes()) {
            if (OLD_SUCCESSOR_INDEX.equals(index.getString("name"))) {
                log.entries().dropIndex(OLD_SUCCESSOR_INDEX);
            }
        }
        log.entries().createIndex(Indexes.ascending("subject", "_id"));
        log.entries().createIndex(Indexes.ascending("at"));
    }

    /** Appends the events not yet in the trail, in order; returns how many this call added. */
    public int append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<Document> items = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            items.add(e.toDocument());
        }
        List<Document> written = log.append(items, AuditTrail::chained);
        if (!written.isEmpty()) {
            appended.fire(new Appended(List.copyOf(written)));
        }
        return written.size();
    }

    public int append(AuditEvent event) {
        return append(List.of(event));
    }

    private static Document chained(long seq, Document previous, Document item) {
        Document entry = new Document("_id", seq);
        entry.putAll(item);
        entry.put("prevHash", previous == null ? GENESIS : previous.getString("hash"));
        entry.put("hash", hashOf(entry));
        return entry;
    }

    /** SHA-256 (hex) of the entry's canonical encoding, every field but the hash itself. */
    static String hashOf(Document entry) {
        Document content = new Document(entry);
        content.remove("hash");
        return sha256(CanonicalJson.of(content));
    }

    /**
     * A digest of stored data (a package, a decision context) to record in an event, so that what a
     * replay reads back can be checked against what was decided on: {@code sha256:<hex>} of its
     * canonical encoding.
     */
    public static String digest(Object value) {
        return "sha256:" + sha256(CanonicalJson.of(value));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /**
     * The last entry, or null for an empty trail. Like every read here that answers an auditor or makes a
     * checkpoint, it reads the trail as far as it is durable ({@link AppendLog#committed()}): nothing
     * signed or shown can be taken back by a crash.
     */
    public Document last() {
        return log.committed().last();
    }

    /** The entry of an event, by its key. */
    public Document byKey(String key) {
        return log.committed().entries().find(eq(AppendLog.KEY, key)).first();
    }

    public Document entry(long seq) {
        return log.committed().entries().find(eq("_id", seq)).first();
    }

    /** Filters of the auditor's event list; null means any. */
    public record Query(String subject, String actor, String action, Instant from, Instant to) {}

    /** Up to {@code limit} entries after {@code afterSeq} matching the query, in trail order. */
    public AuditPage page(Query query, long afterSeq, int limit) {
        List<Bson> filters = new ArrayList<>();
        filters.add(gt("_id", afterSeq));
        if (query.subject() != null) {
            filters.add(eq("subject", query.subject()));
        }
        if (query.actor() != null) {
            filters.add(eq("actor", query.actor()));
        }
        if (query.action() != null) {
            filters.add(eq("action", query.action()));
        }
        if (query.from() != null) {
            filters.add(gte("at", Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(lt("at", Date.from(query.to())));
        }
        // One more than the page: whether it exists says whether there is a next page.
        List<Document> rows = log.committed()
                .entries()
                .find(and(filters))
                .sort(Sorts.ascending("_id"))
                .limit(limit + 1)
                .into(new ArrayList<>());
        List<Document> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        Long next = rows.size() > limit ? shown.get(shown.size() - 1).getLong("_id") : null;
        return new AuditPage(shown.stream().map(AuditEntryView::of).toList(), next);
    }

    /** Every entry in the time range, in trail order, one at a time (for export). */
    public void forEach(Instant from, Instant to, Consumer<Document> each) {
        List<Bson> filters = new ArrayList<>();
        if (from != null) {
            filters.add(gte("at", Date.from(from)));
        }
        if (to != null) {
            filters.add(lt("at", Date.from(to)));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        for (Document d : log.committed()
                .entries()
                .find(filter)
                .sort(Sorts.ascending("_id"))
                .batchSize(500)) {
            each.accept(d);
        }
    }

    /** What {@link #verify()} found. */
    public record Verification(
            boolean intact, long entries, long lastSeq, String lastHash, Long firstBadSeq, String problem) {}

    /**
     * Recomputes the whole chain from the first entry: each entry's hash from its content, each link to
     * the entry before, and that no number is missing up to the end the trail has recorded for itself.
     */
    public Verification verify() {
        AppendLog log = this.log.committed();
        Document lastEntry = log.last();
        long end = lastEntry == null ? 0 : lastEntry.getLong("_id");
        long recordedEnd = log.recordedEnd();
        String previousHash = GENESIS;
        long checked = 0;
        for (long from = 1; from <= Math.max(end, recordedEnd); from += VERIFY_WINDOW) {
            List<Document> window = log.range(from, from + VERIFY_WINDOW - 1);
            long expected = from;
            for (Document entry : window) {
                long seq = entry.getLong("_id");
                if (seq != expected) {
                    return bad(checked, end, previousHash, expected, "entry " + expected + " is missing");
                }
                if (!previousHash.equals(entry.getString("prevHash"))) {
                    return bad(
                            checked,
                            end,
                            previousHash,
                            seq,
                            "entry " + seq + " does not follow entry " + (seq - 1)
                                    + ": its prevHash is not that entry's hash");
                }
                String hash = hashOf(entry);
                if (!hash.equals(entry.getString("hash"))) {
                    return bad(
                            checked,
                            end,
                            previousHash,
                            seq,
                            "entry " + seq + " was changed: its content does not match its hash");
                }
                previousHash = hash;
                checked++;
                expected++;
            }
            long windowEnd = Math.min(from + VERIFY_WINDOW - 1, Math.max(end, recordedEnd));
            if (expected <= windowEnd) {
                return bad(checked, end, previousHash, expected, "entry " + expected + " is missing");
            }
        }
        return new Verification(true, checked, end, end == 0 ? null : previousHash, null, null);
    }

    private static Verification bad(long checked, long end, String lastGood, long seq, String problem) {
        return new Verification(false, checked, end, lastGood, seq, problem);
    }
}
