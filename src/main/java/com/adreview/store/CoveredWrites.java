package com.adreview.store;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;

/**
 * Writes made durable by a later write of the same request instead of by their own wait.
 *
 * <p>A request that writes several documents one after another (a submission, its feed entry, its audit
 * event, the heads of both logs) needs only what it acknowledges to be durable when it answers, not
 * each step on its own. Both stores make writes durable in order: MongoDB's journal and oplog are
 * sequential, and every commit of the embedded store holds every write that finished before it began.
 * So once a request's last write is durable, every earlier write of that request is too — a write it
 * made before is older than the commit (or journal entry) that holds the last one.
 *
 * <p>Such earlier writes are sent with {@code j: false}: a replica set still applies them with the
 * configured {@code w}, and the embedded store answers them without waiting for a commit of their own
 * ({@code DurableReplies}). The caller must follow each with a write at the full write concern (for
 * the logs: the head, {@link AppendLog}); a crash before it loses a prefix of the request's writes,
 * which is what a crash at that point always could do. Never for a write a request acknowledges last.
 */
public final class CoveredWrites {

    private CoveredWrites() {}

    /** The collection written with the journal not waited for: only for writes a later durable write covers. */
    public static <T> MongoCollection<T> of(MongoCollection<T> collection) {
        WriteConcern concern = collection.getWriteConcern();
        if (Boolean.FALSE.equals(concern.getJournal())) {
            return collection;
        }
        return collection.withWriteConcern(concern.withJournal(false));
    }
}
