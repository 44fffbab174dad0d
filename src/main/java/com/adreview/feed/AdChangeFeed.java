package com.adreview.feed;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.adreview.store.AppendLog;
import com.adreview.store.DailyCountStore;
import com.adreview.store.DayTally;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AdChangeFeed.class);

    public static final String COLLECTION = "adChanges";

    /** Pulls per day by cause: one small document per (day, cause), raised as pulls enter the feed. */
    public static final String PULL_DAYS = "pullDays";

    private static final String CAUSE = "cause";
    private static final String PULLED = "PULLED";
    private static final String PULLS_BY_DAY_INDEX = "to_1_day_1";

    private final FeedConfig config;
    private final Clock clock;
    private final AppendLog log;
    private final MongoDatabase database;
    private DailyCountStore pullDays;

    public AdChangeFeed(FeedConfig config, Clock clock, MongoDatabase database) {
        this.config = config;
        this.clock = clock;
        this.log = new AppendLog(database, COLLECTION);
        this.database = database;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 10) StartupEvent event) {
        log.ensureIndexes();
        pullDays().ensureIndexes();
        // The dashboard once read the pulls of a period by status reached and day; it reads the pull day counts
        // now, and the index cost an index entry on every append.
        for (Document index : log.entries().listIndexes()) {
            if (PULLS_BY_DAY_INDEX.equals(index.getString("name"))) {
                log.entries().dropIndex(PULLS_BY_DAY_INDEX);
            }
        }
    }

    /** Writes the pull counts still in memory before the application stops. */
    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    /**
     * Writes the pull counts still in memory and stops their background writing. A store out of reach by then
     * costs the counts of the last flush interval, as a hard kill would; it is logged, not thrown.
     */
    public void close() {
        DailyCountStore counts;
        synchronized (this) {
            counts = pullDays;
        }
        if (counts != null) {
            try {
                counts.close();
            } catch (RuntimeException e) {
                LOG.warnf("Pull day counts of the last second not written at stop: %s", e.getMessage());
            }
        }
    }

    /** Pulls per UTC day by cause, counted as each pull enters the feed. */
    synchronized DailyCountStore pullDays() {
        if (pullDays == null) {
            pullDays = new DailyCountStore(database.getCollection(PULL_DAYS));
        }
        return pullDays;
    }

    /**
     * Pulls per day by cause (cause → day → count) on the days (UTC dates): from the pull day counts, so the
     * cost depends on the days and causes, not on how many pulls there were (reading one feed entry per pull
     * took seconds for the 100,000 pulls of one suspension).
     */
    public Map<String, Map<String, Long>> pullsPerDay(Collection<String> days) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        pullDays().read(CAUSE, days).forEach((k, n) -> out.computeIfAbsent(k.value(), v -> new TreeMap<>())
                .merge(k.day(), n, Long::sum));
        return out;
    }

    /**
     * The next page of entries after {@code after} (a feed position; null: from the first) in feed order, with
     * the pull counts the live path did not make: of the pulls appended before pulls were counted.
     */
    public DayTally.Page uncountedPulls(String after, int limit) {
        long from = after == null ? 0 : Long.parseLong(after);
        DayTally tally = new DayTally();
        long counted = 0;
        int read = 0;
        long last = from;
        for (Document d : log.entries()
                .find(gt("_id", from))
                .sort(Sorts.ascending("_id"))
                .limit(limit)
                .projection(Projections.include("to", "day", "cause", DailyCountStore.COUNTED_MARK))) {
            read++;
            last = ((Number) d.get("_id")).longValue();
            if (PULLED.equals(d.getString("to")) && !Boolean.TRUE.equals(d.get(DailyCountStore.COUNTED_MARK))) {
                tally.add(d.getString("day"), CAUSE, causeOf(d), 1);
                counted++;
            }
        }
        return new DayTally.Page(read == 0 ? after : Long.toString(last), read, counted, tally);
    }

    /** Sets the backfilled part of the pull counts to the tally (and to zero where it has none). Idempotent. */
    public int setBackfilledPullCounts(DayTally tally) {
        return pullDays().setBackfilled(List.of(CAUSE), tally);
    }

    /** Whether the first entry of the feed was appended before pulls were counted (not marked); false when empty. */
    public boolean oldestUncounted() {
        return DailyCountStore.oldestUncounted(log.entries());
    }

    /** Whether any pull was ever counted per day (by the live path or a backfill). */
    public boolean hasPullDayCounts() {
        return !pullDays().isEmpty();
    }

    /** About how many entries the feed holds (the store's own count, not a scan): for progress. */
    public long estimatedCount() {
        return log.entries().estimatedDocumentCount();
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
        List<Document> written = log.append(items, AdChangeFeed::numbered);
        countPulls(written);
        return written.size();
    }

    /**
     * Counts the pulls among the entries this call wrote (an entry an earlier append wrote is not among them,
     * so none is counted twice). Every entry carries the mark that the live path counted it, set as it is
     * numbered; the backfill of older entries leaves marked ones out.
     */
    private void countPulls(List<Document> written) {
        List<DailyCountStore.Key> pulls = new ArrayList<>();
        for (Document entry : written) {
            if (PULLED.equals(entry.getString("to")) && entry.getString("day") != null) {
                pulls.add(new DailyCountStore.Key(entry.getString("day"), CAUSE, causeOf(entry)));
            }
        }
        if (!pulls.isEmpty()) {
            pullDays().add(pulls);
        }
    }

    private static String causeOf(Document entry) {
        String cause = entry.getString("cause");
        return cause == null ? "UNKNOWN" : cause;
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
        entry.put(DailyCountStore.COUNTED_MARK, true);
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
