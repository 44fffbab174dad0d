package com.adreview.simulation;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

/**
 * The shadow pack, one for the whole deployment: which candidate, since when, and what it disagreed
 * with so far. Every instance reads it every few seconds and decides with the candidate it names, so
 * installing or removing it on one instance reaches all of them without a message between them.
 */
@MongoEntity(collection = "policyShadow")
public class ShadowDocument {

    /** Always {@link ShadowStore#ID}: there is one shadow. */
    @BsonId
    public String id;

    /** This installation: counts of an earlier one, still in flight on some instance, are not added to it. */
    public ObjectId installation;

    public String candidateVersion;
    public String candidateName;
    public String installedBy;
    public Instant installedAt;

    /** Set when it was removed: then no instance decides with it, and its counts are final. */
    public Instant removedAt;

    public String removedBy;

    /** The decisions it made too, and those it disagreed with, by transition, topic, rule, category. */
    public Tally tally;

    /** How many disagreeing ads were kept as samples (at most adreview.shadow.max-samples). */
    public long sampled;

    /** Decisions the shadow did not compare: its worker's queue was full (or it failed on them). */
    public long notCompared;

    public List<Document> outbox;
}
