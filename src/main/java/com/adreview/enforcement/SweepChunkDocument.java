package com.adreview.enforcement;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

/**
 * One work item of a suspension's sweep: a slice of the category's live ads, taken by one instance
 * at a time under a lease. An instance that dies holding it lets the lease run out, and another
 * takes the item over; what the first already pulled is no longer live and is skipped.
 */
@MongoEntity(collection = "sweepChunks")
public class SweepChunkDocument {

    /** {@code <suspension id>:<round>:<number>}. */
    @BsonId
    public String id;

    public ObjectId suspensionId;
    public int round;
    public List<ObjectId> submissionIds;

    public SweepChunkState state;

    public String owner;
    public Instant leaseExpiresAt;
    public int attempts;

    /**
     * The publications of the pulls its holder is making, recorded before it makes them and cleared
     * when the item is done: a holder that died in between leaves them to the next, which publishes
     * those that were made.
     */
    public List<org.bson.Document> intents;

    /** Ads this item's run pulled. */
    public long pulled;

    public long version;
}
