package com.adreview.feed;

import static com.mongodb.client.model.Filters.eq;

import com.adreview.store.AppendLog;
import com.mongodb.client.MongoDatabase;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The durable, ordered feed of ad status changes, and of the audit trail's signed checkpoints (so that
 * every reader holds them too): an {@link AppendLog}, so entries are numbered without gaps and each
 * entry (by its key) enters once. Readers still stop at a missing number until
 * it is older than the settle time, so that a store that shows writes out of order (a lagging
 * secondary read) can never make a resuming reader skip an entry.
 */
@ApplicationScoped
public class AdChangeFeed {

    public static final String COLLECTION = "adChanges";

    private final FeedConfig config;
    private final Clock clock;
    private final AppendLog log;

    public AdChangeFeed(FeedConfig config, Clock clock, MongoDatabase database) {
        this.config = config;
        this.clock = clock;
        this.log = new AppendLog(database, COLLECTION);
    }

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 10) StartupEvent event) {
        log.ensureIndexes();
        // The dashboard reads the pulls of a period: by status reached and day.
        log.entries().createIndex(com.mongodb.client.model.Indexes.ascending("to", "day"));
    }

    /** The UTC day and the cause of one ad status change: what the dashboard counts pulls by. */
    public record DayAndCause(String day, String cause) {}

    /**
     * The day and cause of every ad status change to {@code to} on the days (UTC dates), by an index. Only
     * those two fields are read back: a week of a large suspension holds hundreds of thousands of pulls,
     * and their whole entries were 86 MB for 200,000 of them.
     */
    public List<DayAndCause> causesOfChangesTo(String to, java.util.Collection<String> days) {
        List<DayAndCause> out = new ArrayList<>();
        for (Document d : log.entries()
                .find(com.mongodb.client.model.Filters.and(
                        eq("to", to), com.mongodb.client.model.Filters.in("day", new ArrayList<>(days))))
                .projection(com.mongodb.client.model.Projections.fields(
                        com.mongodb.client.model.Projections.include("day", "cause"),
                        com.mongodb.client.model.Projections.excludeId()))) {
            out.add(new DayAndCause(d.getString("day"), d.getString("cause")));
        }
        return out;
    }

    /** A change to append, under the key that makes appending it idempotent. */
    public record Entry(String key, FeedEntry change) {}

    /** Appends the changes not yet in the feed, in order; returns how many this call added. */
    public int append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<Document> items = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            items.add(e.change().toDocument().append(AppendLog.KEY, e.key()));
        }
        return log.append(items, AdChangeFeed::numbered).size();
    }

    /** Publishes a signed checkpoint of the audit trail, once (whoever publishes it again). */
    public void publish(AuditCheckpoint.Signed checkpoint, Instant at) {
        Document item = new AuditCheckpoint(0, at, checkpoint)
                .toDocument()
                .append(AppendLog.KEY, checkpointKey(checkpoint.seq()));
        log.append(List.of(item), AdChangeFeed::numbered);
    }

    /** Whether the checkpoint of that trail entry is in the feed. */
    public boolean published(long checkpointSeq) {
        return log.entries()
                        .find(eq(AppendLog.KEY, checkpointKey(checkpointSeq)))
                        .first()
                != null;
    }

    private static String checkpointKey(long checkpointSeq) {
        return "audit-checkpoint:" + checkpointSeq;
    }

    private static Document numbered(long seq, Document previous, Document item) {
        Document entry = new Document("_id", seq);
        entry.putAll(item);
        return entry;
    }

    /** The number of the last entry, 0 for an empty feed (as far as it is durable: a position to give out). */
    public long lastSeq() {
        Document last = log.committed().last();
        return last == null ? 0 : last.getLong("_id");
    }

    /** Up to {@code limit} entries after {@code after}, in order, without skipping one still being written. */
    public List<FeedEntry> after(long after, int limit) {
        List<FeedEntry> changes = new ArrayList<>(limit);
        // Read at majority (AppendLog#committed): a reader is never handed an entry, or a position past
        // one, that a crash of the store could still take back and give to another entry.
        for (Document d : log.committed().range(after + 1, after + limit)) {
            changes.add(FeedEntry.fromDocument(d));
        }
        return settledPrefix(changes, after, clock.instant().minus(config.settleTime()));
    }

    /**
     * The entries a reader may take: in order, up to the first missing number that may still be
     * written (its successor is newer than {@code settled}).
     */
    static <E extends FeedEntry> List<E> settledPrefix(List<E> changes, long after, Instant settled) {
        List<E> out = new ArrayList<>(changes.size());
        long expected = after + 1;
        for (E c : changes) {
            if (c.seq() != expected && c.at().isAfter(settled)) {
                break; // an earlier number may still be landing; the reader gets it, in its place, next time
            }
            out.add(c);
            expected = c.seq() + 1;
        }
        return out;
    }
}
