package com.adreview.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.adreview.audit.AuditEvent;
import com.adreview.audit.AuditTrail;
import com.adreview.feed.AdChangeFeed;
import com.adreview.store.AppendLog;
import com.adreview.store.CoveredWrites;
import com.adreview.store.SharedRoundTrip;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * A transactional outbox without transactions: a write that must reach the audit trail (and the ad
 * change feed) carries its {@link Publication} inside the written document, in the same atomic
 * insert or update. Right after the write it is appended to the trail and the feed and removed from
 * the document. A crash in between leaves it in the document, where {@link OutboxRelay} finds and
 * publishes it. So a change that happened is always told, and told once: the trail and the feed take
 * each key once.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    /** At most this many publications are written in one group (a bound on one insert's size). */
    static final int MAX_GROUP = 1_000;

    /** The field of a written document that holds its unpublished publications. */
    public static final String FIELD = "outbox";

    private final AuditTrail audit;
    private final AdChangeFeed feed;
    private final MongoDatabase database;
    private final ConcurrentLinkedQueue<Job> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    public Outbox(AuditTrail audit, AdChangeFeed feed, MongoDatabase database) {
        this.audit = audit;
        this.feed = feed;
        this.database = database;
    }

    /** One publication waiting in one document. */
    public record Pending(Object documentId, Publication publication) {}

    /** The outbox of a document about to be inserted. */
    public static List<Document> initial(Publication publication) {
        List<Document> items = new ArrayList<>(1);
        items.add(publication.toDocument());
        return items;
    }

    /** The part of an update that puts the publication in the document's outbox. */
    public static Bson add(Publication publication) {
        return Updates.push(FIELD, publication.toDocument());
    }

    /** Publishes what one write left in its document's outbox. */
    public void publish(String collection, Object documentId, Publication publication) {
        publishAll(collection, List.of(new Pending(documentId, publication)));
    }

    /**
     * Publishes a batch of writes, in order: feed entries, then audit events, then the outbox items
     * are removed from their documents. Returns once all of that is stored.
     */
    public void publishAll(String collection, List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        group(new Job(
                collection, pending, pending.stream().map(Pending::publication).toList()));
    }

    /**
     * Appends publications to the feed and the trail, in order, each once; for publications kept
     * elsewhere than in an outbox (a work item's intents), which their keeper clears itself.
     */
    public void publish(List<Publication> publications) {
        if (publications.isEmpty()) {
            return;
        }
        group(new Job(null, List.of(), publications));
    }

    /**
     * Group commit: the publications of every request that arrives while another group is being
     * written are written together by the next one, in the order they arrived: one feed append and one
     * trail append (an insert each, then both heads in one write), however many requests share them.
     * The caller that takes the lock writes whatever is waiting, its own job included unless an earlier
     * writer took it along; a caller whose job was taken waits for the lock only to learn that it is
     * done. Nobody waits for a timer: a lone request writes at once, as before.
     *
     * <p>Each caller then clears its own documents' outboxes, outside the lock (in one write with the other
     * callers clearing at the same time, {@link #clear}): the logs need one writer at a time to stay one
     * chain, the outboxes do not, and a group's clearing (an update of every document it published, which
     * for batches is hundreds) held every other request behind it.
     */
    private void group(Job job) {
        waiting.add(job);
        writing.lock();
        try {
            if (!job.done) {
                List<Job> group = new ArrayList<>();
                int publications = 0;
                for (Job next; publications < MAX_GROUP && (next = waiting.poll()) != null; ) {
                    group.add(next);
                    publications += next.publications.size();
                }
                write(group);
            }
        } finally {
            writing.unlock();
        }
        if (job.failure != null) {
            throw job.failure;
        }
        clear(job);
    }

    /** At most this many requests' clearings in one write. */
    static final int SHARED_CLEARINGS = 64;

    /** The clearings of requests that clear at once share one write per collection ({@link SharedRoundTrip}). */
    private final SharedRoundTrip<Job, Boolean> clearings = new SharedRoundTrip<>(SHARED_CLEARINGS, this::clearAll);

    /**
     * Removes the job's publications from its documents' outboxes, in one write with those of the other
     * requests clearing at the same time.
     */
    private void clear(Job job) {
        if (!job.pending.isEmpty()) {
            clearings.apply(job);
        }
    }

    /**
     * Removes the jobs' publications from their documents' outboxes: one pull per document, each naming its
     * own key (one {@code $pull} naming every key of a batch makes the store compare each document's items
     * with the whole batch), one unordered bulk write per collection. The publications are durable in the logs
     * by now, so the pulls are written as covered ({@link CoveredWrites}), and one that fails only leaves the
     * relay a publication it finds already in the logs: the callers' writes and their publications stand, and
     * the failure is logged.
     */
    private List<Boolean> clearAll(List<Job> jobs) {
        Map<String, List<WriteModel<Document>>> pulls = new LinkedHashMap<>();
        for (Job job : jobs) {
            List<WriteModel<Document>> its = pulls.computeIfAbsent(job.collection, c -> new ArrayList<>());
            for (Pending p : job.pending) {
                its.add(new UpdateOneModel<>(
                        eq("_id", p.documentId()),
                        Updates.pull(FIELD, new Document("key", p.publication().key()))));
            }
        }
        pulls.forEach((collection, writes) -> {
            try {
                CoveredWrites.of(database.getCollection(collection))
                        .bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (RuntimeException e) {
                LOG.warnf(
                        e,
                        "Published %d change(s) of %s but could not clear their outboxes; the relay will find them published",
                        writes.size(),
                        collection);
            }
        });
        return java.util.Collections.nCopies(jobs.size(), Boolean.TRUE);
    }

    private void write(List<Job> group) {
        try {
            List<AdChangeFeed.Entry> changes = new ArrayList<>();
            List<AuditEvent> events = new ArrayList<>();
            for (Job job : group) {
                for (Publication publication : job.publications) {
                    if (publication.feedEntry() != null) {
                        changes.add(new AdChangeFeed.Entry(publication.key(), publication.feedEntry()));
                    }
                    events.add(publication.audit());
                }
            }
            // Both logs' heads in one write (AppendLog.withHeadsTogether): one round trip less per group.
            // That durable write also makes every write of the group's requests before it durable.
            AppendLog.withHeadsTogether(() -> {
                feed.append(changes);
                audit.append(events);
            });
        } catch (RuntimeException e) {
            // Every job of the group failed with it; what they left in outboxes is published by the relay.
            for (Job job : group) {
                job.failure = e;
            }
        } finally {
            for (Job job : group) {
                job.done = true;
            }
        }
    }

    /** What one caller asked to publish, and what became of it (read after the lock is released). */
    private static final class Job {
        final String collection;
        final List<Pending> pending;
        final List<Publication> publications;
        boolean done;
        RuntimeException failure;

        Job(String collection, List<Pending> pending, List<Publication> publications) {
            this.collection = collection;
            this.pending = pending;
            this.publications = publications;
        }
    }
}
