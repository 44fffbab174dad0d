package com.adreview.simulation;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

/**
 * A policy simulation: which candidate, against which pack in force, where its walk over the store is,
 * and its counts so far. The instance running it holds it under a lease in the document itself (as a
 * sweep's work item is held) and records each step with one update guarded by the version, so a step
 * counts once however often the simulation changes hands, and a cancellation stops the next step.
 */
@MongoEntity(collection = "policySimulations")
public class SimulationDocument {

    @BsonId
    public ObjectId id;

    public SimulationState state;
    public String createdBy;
    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;

    /** The candidate's version (content hash); its files are in {@code policyCandidates}. */
    public String candidateVersion;

    public String candidateName;

    /** The pack in force when it was asked for; the run must decide with this version. */
    public String inForceVersion;

    /** What "now" is for every decision of the simulation (complaint windows, operating months). */
    public Instant asOf;

    /** Past submissions of this many days are also decided (0: the live ads only). */
    public int recentDays;

    /** The walk: which part (0: the live ads, 1: the past submissions), and the last submission id done. */
    public int pass;

    public ObjectId after;

    public Tally live;
    public Tally recent;

    public String owner;
    public Instant leaseExpiresAt;

    public String cancelledBy;
    public String failure;

    public long version;

    public List<Document> outbox;
}
