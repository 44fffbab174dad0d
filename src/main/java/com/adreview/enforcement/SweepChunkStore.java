package com.adreview.enforcement;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.adreview.suspension.SweepProgress;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.types.ObjectId;

/** The work items of suspension sweeps; each change is one update guarded by the item's version. */
@ApplicationScoped
class SweepChunkStore implements PanacheMongoRepositoryBase<SweepChunkDocument, String>, SweepProgress {

    // The states as stored, for filters.
    static final String PENDING = SweepChunkState.PENDING.name();
    static final String CLAIMED = SweepChunkState.CLAIMED.name();
    static final String DONE = SweepChunkState.DONE.name();

    /** Stores a round's items; items a planner that died already stored are left as they are. */
    void insertAll(List<SweepChunkDocument> chunks) {
        try {
            mongoCollection().insertMany(chunks, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }

    /** Takes an item of the suspension nobody holds (new, or its holder's lease ran out), if there is one. */
    Optional<SweepChunkDocument> claim(ObjectId suspension, String owner, Instant now, Instant until) {
        for (SweepChunkDocument c : mongoCollection()
                .find(and(
                        eq("suspensionId", suspension),
                        or(eq("state", PENDING), and(eq("state", CLAIMED), lte("leaseExpiresAt", Date.from(now))))))
                .limit(8)) {
            long taken = mongoCollection()
                    .updateOne(
                            and(eq("_id", c.id), eq("version", c.version)),
                            Updates.combine(
                                    Updates.set("state", CLAIMED),
                                    Updates.set("owner", owner),
                                    Updates.set("leaseExpiresAt", until),
                                    Updates.inc("attempts", 1),
                                    Updates.inc("version", 1L)))
                    .getModifiedCount();
            if (taken == 1) {
                c.state = SweepChunkState.CLAIMED;
                c.owner = owner;
                c.version++;
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Records the item done and its intents published, if this owner still holds it. */
    boolean done(SweepChunkDocument chunk, long pulled) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", chunk.id), eq("owner", chunk.owner), eq("state", CLAIMED)),
                                Updates.combine(
                                        Updates.set("state", DONE),
                                        Updates.set("pulled", pulled),
                                        Updates.unset("leaseExpiresAt"),
                                        Updates.unset("intents"),
                                        Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }

    /** Records the publications of the pulls the holder is about to make, if it still holds the item. */
    void recordIntents(SweepChunkDocument chunk, List<org.bson.Document> intents) {
        long recorded = mongoCollection()
                .updateOne(
                        and(eq("_id", chunk.id), eq("owner", chunk.owner), eq("state", CLAIMED)),
                        Updates.set("intents", intents))
                .getModifiedCount();
        if (recorded == 0) {
            throw new IllegalStateException("sweep item " + chunk.id + " is no longer held by " + chunk.owner);
        }
        chunk.intents = intents;
    }

    /**
     * An item whose holder died with intents recorded, of a suspension no longer swept (lifted): its
     * intents still need publishing. Items of running sweeps are taken over by {@link #claim} instead.
     */
    Optional<SweepChunkDocument> claimAbandoned(String owner, Instant now, Instant until) {
        for (SweepChunkDocument c : mongoCollection()
                .find(and(
                        eq("state", CLAIMED),
                        lte("leaseExpiresAt", Date.from(now)),
                        com.mongodb.client.model.Filters.exists("intents.0")))
                .limit(1)) {
            long taken = mongoCollection()
                    .updateOne(
                            and(eq("_id", c.id), eq("version", c.version)),
                            Updates.combine(
                                    Updates.set("owner", owner),
                                    Updates.set("leaseExpiresAt", until),
                                    Updates.inc("version", 1L)))
                    .getModifiedCount();
            if (taken == 1) {
                c.owner = owner;
                c.version++;
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** At shutdown: the items this instance holds go back to the others at once. */
    void releaseAllOf(String owner) {
        mongoCollection()
                .updateMany(
                        and(eq("owner", owner), eq("state", CLAIMED)),
                        Updates.combine(
                                Updates.set("state", PENDING),
                                Updates.unset("leaseExpiresAt"),
                                Updates.inc("version", 1L)));
    }

    /** Whether any item of the suspension is not done yet. */
    boolean anyUnfinished(ObjectId suspension) {
        return mongoCollection()
                        .find(and(eq("suspensionId", suspension), ne("state", DONE)))
                        .limit(1)
                        .first()
                != null;
    }

    @Override
    public Map<String, Long> pulledSoFar(String suspensionId) {
        ObjectId suspension = new ObjectId(suspensionId);
        Map<String, Long> byInstance = new TreeMap<>();
        for (SweepChunkDocument c : mongoCollection()
                .find(and(eq("suspensionId", suspension), eq("state", DONE)))
                .projection(Projections.include("pulled", "owner"))) {
            byInstance.merge(c.owner, c.pulled, Long::sum);
        }
        return byInstance;
    }

    void deleteAllOf(ObjectId suspension) {
        mongoCollection().deleteMany(eq("suspensionId", suspension));
    }
}
