package com.adreview.feed;

import static com.mongodb.client.model.Filters.gt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable, ordered feed of ad status changes. Each entry takes the number after the last one,
 * guarded by the unique id, so numbers are contiguous. Readers still stop at a missing number until
 * it is older than the settle time, so that a store that shows writes out of order (a lagging
 * secondary read) can never make a resuming reader skip an entry.
 */
@ApplicationScoped
public class AdChangeFeed implements PanacheMongoRepositoryBase<AdChangeDocument, Long> {

    private static final int MAX_ATTEMPTS = 50;

    private final FeedConfig config;
    private final Clock clock;

    public AdChangeFeed(FeedConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Appends a change and returns its sequence number: one more than the last entry, taken by
     * inserting under that number as the unique id. A concurrent writer that took the same number is
     * refused by the id and takes the next. So numbers are contiguous and each entry is visible
     * before the next can be written.
     */
    public long append(AdChange change) {
        for (int attempt = 1; ; attempt++) {
            AdChangeDocument last = mongoCollection()
                    .find()
                    .sort(Sorts.descending("_id"))
                    .limit(1)
                    .first();
            AdChangeDocument doc = document(last == null ? 1 : last.seq + 1, change);
            try {
                persist(doc);
                return doc.seq;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static AdChangeDocument document(long seq, AdChange change) {
        AdChangeDocument doc = new AdChangeDocument();
        doc.seq = seq;
        doc.at = change.at();
        doc.submissionId = change.submissionId();
        doc.adId = change.adId();
        doc.accountId = change.accountId();
        doc.revision = change.revision();
        doc.from = change.from();
        doc.to = change.to();
        doc.cause = change.cause();
        return doc;
    }

    /** The number of the last entry, 0 for an empty feed. */
    public long lastSeq() {
        AdChangeDocument last =
                mongoCollection().find().sort(Sorts.descending("_id")).limit(1).first();
        return last == null ? 0 : last.seq;
    }

    /** Up to {@code limit} changes after {@code after}, in order, without skipping one still being written. */
    public List<AdChange> after(long after, int limit) {
        List<AdChangeDocument> docs = mongoCollection()
                .find(gt("_id", after))
                .sort(Sorts.ascending("_id"))
                .limit(limit)
                .into(new ArrayList<>());
        return settledPrefix(docs, after, clock.instant().minus(config.settleTime()));
    }

    /**
     * The entries a reader may take: in order, up to the first missing number that may still be
     * written (its successor is newer than {@code settled}).
     */
    static List<AdChange> settledPrefix(List<AdChangeDocument> docs, long after, Instant settled) {
        List<AdChange> out = new ArrayList<>(docs.size());
        long expected = after + 1;
        for (AdChangeDocument d : docs) {
            if (d.seq != expected && d.at.isAfter(settled)) {
                break; // an earlier number may still be landing; the reader gets it, in its place, next time
            }
            out.add(new AdChange(d.seq, d.at, d.submissionId, d.adId, d.accountId, d.revision, d.from, d.to, d.cause));
            expected = d.seq + 1;
        }
        return out;
    }
}
