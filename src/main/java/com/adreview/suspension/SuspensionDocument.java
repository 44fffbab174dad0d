package com.adreview.suspension;

import com.adreview.engine.Category;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * An operator's suspension of a category, and the progress of pulling its live ads. Public only because
 * the driver's POJO codec reads it by reflection; ArchitectureTest keeps it inside this package, where
 * it becomes a {@link Suspension} for everyone else.
 */
@MongoEntity(collection = "suspensions")
public class SuspensionDocument {

    public ObjectId id;
    public Category category;
    public String reason;
    public Instant createdAt;
    public Instant liftedAt;

    /** Who suspended it, and who lifted it. */
    public String createdBy;

    public String liftedBy;

    /**
     * The category while the suspension is active, "lifted:" + id after: a unique index on it allows
     * one active suspension per category, even when two operators suspend it at once.
     */
    public String activeKey;

    public Suspension.State state;

    public Suspension.Sweep sweep;

    /**
     * The sweep's current round: each round reads the category's live ads left and divides them into
     * work items, once the previous round's items are done; the sweep is done when a round finds none.
     */
    public int round;

    /** Live ads this suspension pulled, counted when its sweep finished. */
    public long pulled;

    /** The pulls of the sweep's work items, by the instance that did each: how the work was shared. */
    public java.util.Map<String, Long> pulledByInstance;

    public Instant sweepFinishedAt;

    /** Publications (audit events) of writes to this suspension not yet published. */
    public List<Document> outbox;

    public long version;

    Suspension toRecord() {
        return new Suspension(
                id.toHexString(),
                category,
                reason,
                state,
                createdAt,
                createdBy,
                liftedAt,
                liftedBy,
                sweep,
                round,
                pulled,
                pulledByInstance,
                sweepFinishedAt);
    }
}
