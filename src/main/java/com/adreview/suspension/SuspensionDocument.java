package com.adreview.suspension;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.types.ObjectId;

/** An operator's suspension of a category, and the progress of pulling its live ads. */
@MongoEntity(collection = "suspensions")
public class SuspensionDocument {

    public ObjectId id;
    public String category;
    public String reason;
    public Instant createdAt;
    public Instant liftedAt;

    /**
     * The category while the suspension is active, "lifted:" + id after: a unique index on it allows
     * one active suspension per category, even when two operators suspend it at once.
     */
    public String activeKey;

    /** ACTIVE or LIFTED. */
    public String state;

    /** RUNNING until every live ad of the category has been pulled, then DONE. */
    public String sweep;

    /** Live ads pulled by this suspension so far. */
    public long pulled;

    public Instant sweepFinishedAt;
    public long version;
}
