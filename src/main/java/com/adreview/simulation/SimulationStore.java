package com.adreview.simulation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.adreview.outbox.Outbox;
import com.adreview.outbox.Publication;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;

/** Policy simulations; each change is one update guarded by the state, the holder or the version. */
@ApplicationScoped
class SimulationStore implements PanacheMongoRepositoryBase<SimulationDocument, ObjectId> {

    static final String COLLECTION = "policySimulations";
    private static final String QUEUED = SimulationState.QUEUED.name();
    private static final String RUNNING = SimulationState.RUNNING.name();
    private static final List<String> ENDED =
            List.of(SimulationState.DONE.name(), SimulationState.CANCELLED.name(), SimulationState.FAILED.name());

    void onStart(@Observes StartupEvent event) {
        // Work to take: queued, or running under a lease that ran out.
        mongoCollection().createIndex(Indexes.ascending("state", "leaseExpiresAt"));
        mongoCollection().createIndex(Indexes.descending("createdAt", "_id"), new IndexOptions().name("newest"));
        // The purge: ended simulations by when they ended; the candidates still used.
        mongoCollection().createIndex(Indexes.ascending("finishedAt"));
        mongoCollection().createIndex(Indexes.ascending("candidateVersion"));
    }

    /** Simulations that ended before {@code cutoff}, at most {@code limit}, oldest first (ids only). */
    List<ObjectId> endedBefore(Instant cutoff, int limit) {
        List<ObjectId> ids = new ArrayList<>();
        for (SimulationDocument s : mongoCollection()
                .find(lt("finishedAt", cutoff))
                .projection(Projections.include("_id"))
                .sort(Sorts.ascending("finishedAt"))
                .limit(limit)) {
            ids.add(s.id);
        }
        return ids;
    }

    /** Deletes a simulation that has ended (one still queued or running is never deleted). */
    boolean forget(ObjectId id) {
        return mongoCollection()
                        .deleteOne(and(eq("_id", id), in("state", ENDED)))
                        .getDeletedCount()
                > 0;
    }

    /** Whether any simulation kept decides with this candidate version. */
    boolean uses(String candidateVersion) {
        return mongoCollection()
                        .find(eq("candidateVersion", candidateVersion))
                        .limit(1)
                        .first()
                != null;
    }

    Optional<SimulationDocument> byId(String id) {
        return ObjectId.isValid(id) ? findByIdOptional(new ObjectId(id)) : Optional.empty();
    }

    /** Newest first, at most {@code limit}. */
    List<SimulationDocument> newest(int limit) {
        return mongoCollection()
                .find()
                .sort(Sorts.descending("createdAt", "_id"))
                .limit(limit)
                .into(new ArrayList<>());
    }

    /** Takes a simulation nobody holds (queued, or its holder's lease ran out), if there is one. */
    Optional<SimulationDocument> claim(String owner, Instant now, Instant until) {
        for (SimulationDocument s : mongoCollection()
                .find(or(eq("state", QUEUED), and(eq("state", RUNNING), lte("leaseExpiresAt", Date.from(now)))))
                .limit(4)) {
            long taken = mongoCollection()
                    .updateOne(
                            and(eq("_id", s.id), eq("version", s.version)),
                            Updates.combine(
                                    Updates.set("state", RUNNING),
                                    Updates.set("owner", owner),
                                    Updates.set("leaseExpiresAt", until),
                                    Updates.set("startedAt", s.startedAt == null ? now : s.startedAt),
                                    Updates.inc("version", 1L)))
                    .getModifiedCount();
            if (taken == 1) {
                s.state = SimulationState.RUNNING;
                s.owner = owner;
                s.leaseExpiresAt = until;
                s.startedAt = s.startedAt == null ? now : s.startedAt;
                s.version++;
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Records a step (the walk's position and the counts, as the holder has them now) and extends the
     * lease, if the holder still holds it at the version it read: false when it was cancelled or taken
     * over meanwhile, and the step is then not counted.
     */
    boolean step(SimulationDocument s) {
        long expected = s.version;
        s.version = expected + 1;
        boolean recorded = mongoCollection()
                        .replaceOne(
                                and(
                                        eq("_id", s.id),
                                        eq("version", expected),
                                        eq("owner", s.owner),
                                        eq("state", RUNNING)),
                                s)
                        .getModifiedCount()
                == 1;
        if (!recorded) {
            s.version = expected;
        }
        return recorded;
    }

    /** Stops a queued or running simulation; false when it had already ended. */
    boolean cancel(ObjectId id, String actor, Instant at, Publication publication) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", id), in("state", QUEUED, RUNNING)),
                                Updates.combine(
                                        Updates.set("state", SimulationState.CANCELLED.name()),
                                        Updates.set("cancelledBy", actor),
                                        Updates.set("finishedAt", at),
                                        Updates.unset("leaseExpiresAt"),
                                        Outbox.add(publication),
                                        Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }
}
