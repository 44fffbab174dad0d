package com.adreview.feed;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The durable, ordered feed of ad status changes. Sequence numbers come from one atomically
 * incremented counter; an entry is written after its number is taken, so a reader may briefly see a
 * later number before an earlier one lands. Reads therefore stop at the first missing number until
 * it is older than the settle time: a reader that resumes after the last number it saw never skips
 * an entry that was still being written.
 */
@ApplicationScoped
public class AdChangeFeed implements PanacheMongoRepositoryBase<AdChangeDocument, Long> {

    static final String COUNTERS = "counters";
    static final String FEED_COUNTER = "adChanges";

    private final FeedConfig config;
    private final Clock clock;

    public AdChangeFeed(FeedConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Appends a change and returns its sequence number. */
    public long append(AdChange change) {
        Document counter = mongoDatabase()
                .getCollection(COUNTERS)
                .findOneAndUpdate(
                        eq("_id", FEED_COUNTER),
                        Updates.inc("seq", 1L),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long seq = ((Number) counter.get("seq")).longValue();
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
        persist(doc);
        return seq;
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
