package com.adreview.identity;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * An identity conflict waiting for a person: an account's submission names identifiers other accounts
 * hold. One per review case, open while the case is, so that an entity's open conflicts can be shown
 * without reading the review queue.
 */
@MongoEntity(collection = "identityConflicts")
public class ConflictDocument {

    public ObjectId id;

    /** The review case that decides it (unique). */
    public String caseId;

    public String submissionId;
    public String adId;

    /** The account whose submission names the identifiers. */
    public String claimant;

    /** The identifiers held by others: {kind, identifier, holder}. */
    public List<Document> identifiers;

    /** The accounts holding them. */
    public List<String> holders;

    public ConflictState state;

    public Instant openedAt;
    public Instant closedAt;

    /** How it closed: SAME_BUSINESS, DIFFERENT_BUSINESS, or why the case became moot. */
    public String resolution;

    public String closedBy;
}
