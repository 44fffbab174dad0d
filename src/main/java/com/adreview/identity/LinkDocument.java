package com.adreview.identity;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A confirmed link: two advertiser accounts a person found to be one business (an agency, a
 * subsidiary), whose complaint records join. Removed links are kept, inactive, for the record.
 */
@MongoEntity(collection = "entityLinks")
public class LinkDocument {

    public ObjectId id;

    /** The two accounts, in order. */
    public List<String> accounts;

    /** {@code a|b} while active, something unique once removed: a unique index allows one active link per pair. */
    public String pairKey;

    public boolean active;

    public String confirmedBy;
    public Instant confirmedAt;
    public String reason;

    /** The review case whose verdict confirmed it; null when an operator linked the accounts directly. */
    public String caseId;

    public String removedBy;
    public Instant removedAt;
    public String removalReason;

    /** Publications (audit events) of writes to this link not yet published. */
    public List<Document> outbox;

    /** Optimistic-concurrency counter, incremented by every update. */
    public long version;
}
