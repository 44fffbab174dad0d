package com.adreview.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.adreview.audit.AuditEvent;
import com.adreview.audit.AuditTrail;
import com.adreview.feed.AdChangeFeed;
import com.adreview.store.AppendLog;
import com.adreview.store.CoveredWrites;
import com.adreview.store.SharedRoundTrip;
import com.mongodb.client.MongoCollection;
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

    /** Groups written so far, each numbered in turn (guarded by {@link #writing}). */
    private long groupsWritten;

    /** The number of the last group whose heads' write came back durable: it covers every group before it. */
    private volatile long lastDurableGroup;

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
     * What a request owes after {@link #publishOwed}: the durability of a publication written without
     * waiting for it, paid by {@link #settle} before the request answers.
     */
    public static final class Owed {
        private final Job job;

        private Owed(Job job) {
            this.job = job;
        }
    }

    /**
     * Publishes what one write left in its document's outbox, like {@link #publish(String, Object, Publication)},
     * but without waiting for the logs' heads to be durable, and leaves the outbox to {@link #settle}: for a
     * request that goes on writing (a complaint's pull) and would otherwise wait for a commit twice. The caller
     * must call {@link #settle} before it answers, also when what it did meanwhile failed: until then neither the write nor its
     * publication may be durable.
     */
    public Owed publishOwed(String collection, Object documentId, Publication publication) {
        Job job = new Job(collection, List.of(new Pending(documentId, publication)), List.of(publication));
        job.owesDurability = true;
        group(job);
        return new Owed(job);
    }

    /**
     * Makes what {@link #publishOwed} wrote durable and clears its outbox. When a group of publications
     * written durably since (this request's or any other's) has come back, its commit holds the owed write
     * too (commits are in order, {@link CoveredWrites}), and the clearing is covered; otherwise the clearing
     * itself is written durably and is the wait. Either way one store write, the one the publication needed
     * anyway. Throws if the durable clearing failed: the caller must not acknowledge then.
     */
    public void settle(Owed owed) {
        clear(owed.job);
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
                boolean durable = false;
                for (Job next; publications < MAX_GROUP && (next = waiting.poll()) != null; ) {
                    group.add(next);
                    publications += next.publications.size();
                    durable |= !next.owesDurability;
                }
                long number = ++groupsWritten;
                group.forEach(j -> j.group = number);
                if (write(group, durable) && durable) {
                    // Only a group that wrote its heads: one whose items were all in the logs already wrote nothing.
                    lastDurableGroup = number;
                }
            }
        } finally {
            writing.unlock();
        }
        if (job.failure != null) {
            throw job.failure;
        }
        if (!job.owesDurability) {
            clear(job);
        }
    }

    /** At most this many requests' clearings in one write. */
    static final int SHARED_CLEARINGS = 64;

    /** The clearings of requests that clear at once share one write per collection ({@link SharedRoundTrip}). */
    private final SharedRoundTrip<Job, RuntimeException> clearings =
            new SharedRoundTrip<>(SHARED_CLEARINGS, this::clearAll);

    /**
     * Removes the job's publications from its documents' outboxes, in one write with those of the other
     * requests clearing at the same time.
     */
    private void clear(Job job) {
        if (job.pending.isEmpty()) {
            return;
        }
        // The caller returns once its writes are durable: its group's heads' write made them so, unless that group
        // appended nothing (its items were in the logs already, a relay's doing); then the clearing does.
        job.clearDurably = lastDurableGroup < job.group;
        RuntimeException failure = clearings.apply(job);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Removes the jobs' publications from their documents' outboxes: one pull per document, each naming its
     * own key (one {@code $pull} naming every key of a batch makes the store compare each document's items
     * with the whole batch), one unordered bulk write per collection. The publications are durable in the logs
     * by now, so the pulls are written as covered ({@link CoveredWrites}), and one that fails only leaves the
     * relay a publication it finds already in the logs: the callers' writes and their publications stand, and
     * the failure is logged. Except for a clearing that {@link #settle} makes the durable write of an owed
     * publication: the collection's clearing is then written durably, and its failure is that job's answer.
     *
     * @return per job, null, or the failure of a durable clearing it asked for
     */
    private List<RuntimeException> clearAll(List<Job> jobs) {
        Map<String, List<WriteModel<Document>>> pulls = new LinkedHashMap<>();
        Map<String, Boolean> durable = new LinkedHashMap<>();
        for (Job job : jobs) {
            List<WriteModel<Document>> its = pulls.computeIfAbsent(job.collection, c -> new ArrayList<>());
            durable.merge(job.collection, job.clearDurably, Boolean::logicalOr);
            for (Pending p : job.pending) {
                its.add(new UpdateOneModel<>(
                        eq("_id", p.documentId()),
                        Updates.pull(FIELD, new Document("key", p.publication().key()))));
            }
        }
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        pulls.forEach((collection, writes) -> {
            MongoCollection<Document> target = database.getCollection(collection);
            try {
                (durable.get(collection) ? target : CoveredWrites.of(target))
                        .bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (RuntimeException e) {
                failed.put(collection, e);
                LOG.warnf(
                        e,
                        "Published %d change(s) of %s but could not clear their outboxes; the relay will find them published",
                        writes.size(),
                        collection);
            }
        });
        List<RuntimeException> answers = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            answers.add(job.clearDurably ? failed.get(job.collection) : null);
        }
        return answers;
    }

    /**
     * Writes the group's feed entries and audit events.
     *
     * @return whether it appended anything (and so wrote the heads); false also when it failed (each job then
     *     holds the failure)
     */
    private boolean write(List<Job> group, boolean durable) {
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
            // A group of owed publications only (publishOwed) writes its heads covered: settle pays for it.
            int[] appended = new int[1];
            AppendLog.withHeadsTogether(durable, () -> {
                appended[0] += feed.append(changes);
                appended[0] += audit.append(events);
            });
            return appended[0] > 0;
        } catch (RuntimeException e) {
            // Every job of the group failed with it; what they left in outboxes is published by the relay.
            for (Job job : group) {
                job.failure = e;
            }
            return false;
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
        /** Written by {@link #publishOwed}: its group's heads need not be durable, {@link #settle} makes them so. */
        boolean owesDurability;
        /** The number of the group that wrote it. */
        long group;
        /** Whether its clearing is the durable write that {@link #settle} owes. */
        boolean clearDurably;

        Job(String collection, List<Pending> pending, List<Publication> publications) {
            this.collection = collection;
            this.pending = pending;
            this.publications = publications;
        }
    }
}
