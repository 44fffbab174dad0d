package com.adreview.identity;

import com.adreview.engine.IdentifierKind;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * Who holds an identifier. Inserted by the first submission naming it (the id is unique, so of two
 * racing accounts exactly one holds it); changed only by an operator's assignment, a version-guarded
 * update that keeps the previous holders in {@code history}.
 */
@MongoEntity(collection = "identifierHoldings")
public class HoldingDocument {

    /** {@link Identifier#key()}: kind and value. */
    public String id;

    public IdentifierKind kind;
    public String value;

    /** The account holding it. */
    public String holder;

    /** Since when the holder holds it. */
    public Instant since;

    /** How the holder came to hold it: FIRST_NAMED, ASSIGNED, or RECOMPUTED (from the submissions before holding). */
    public String how;

    /** Who: the gateway whose submission named it first, or the operator who assigned it. */
    public String by;

    /** The operator's reason, for an assignment. */
    public String reason;

    /** Earlier holders, oldest first: {holder, since, until, how, by, reason}. */
    public List<Document> history;

    /** Publications (audit events) of writes to this holding not yet published. */
    public List<Document> outbox;

    /** Optimistic-concurrency counter, incremented by every update. */
    public long version;
}
