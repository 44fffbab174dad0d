package com.adreview.suspension;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.adreview.engine.Category;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.Publication;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Category suspensions; every change is a single guarded update. */
@ApplicationScoped
class SuspensionStore implements PanacheMongoRepositoryBase<SuspensionDocument, ObjectId> {

    static final String COLLECTION = "suspensions";
    private static final String ACTIVE = Suspension.State.ACTIVE.name();
    private static final String RUNNING = Suspension.Sweep.RUNNING.name();

    void onStart(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("state", "category"));
        mongoCollection()
                .createIndex(
                        Indexes.ascending("activeKey"),
                        new IndexOptions().unique(true).name("one_active_per_category"));
    }

    /** The categories suspended now. */
    Set<Category> activeCategories() {
        return activeReads.apply(Boolean.TRUE);
    }

    /**
     * Every submission reads the active suspensions; the requests that read at once share one read. Each
     * is answered by a read sent after it asked, so what it decides with is no older than its question
     * (the intake settle's argument, {@code SuspensionService#intakeSettle}, is about that moment).
     */
    private final com.adreview.store.SharedRoundTrip<Boolean, Set<Category>> activeReads =
            new com.adreview.store.SharedRoundTrip<>(
                    Integer.MAX_VALUE, asked -> java.util.Collections.nCopies(asked.size(), readActive()));

    private Set<Category> readActive() {
        Set<Category> out = EnumSet.noneOf(Category.class);
        for (SuspensionDocument d : mongoCollection().find(eq("state", ACTIVE))) {
            out.add(d.category);
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    Optional<SuspensionDocument> activeFor(Category category) {
        return Optional.ofNullable(mongoCollection()
                .find(and(eq("state", ACTIVE), eq("category", category.name())))
                .first());
    }

    Optional<SuspensionDocument> byId(String id) {
        return ObjectId.isValid(id) ? findByIdOptional(new ObjectId(id)) : Optional.empty();
    }

    List<SuspensionDocument> newestFirst() {
        return mongoCollection().find().sort(Sorts.descending("createdAt")).into(new ArrayList<>());
    }

    /** Active suspensions whose sweep has live ads left to pull (or to look for). */
    List<SuspensionDocument> unfinishedSweeps() {
        return mongoCollection()
                .find(and(eq("state", ACTIVE), eq("sweep", RUNNING)))
                .into(new ArrayList<>());
    }

    /** Begins the next round of the sweep, if the sweep is still in the round the caller read. */
    boolean startRound(ObjectId id, int from, int to) {
        return guarded(and(eq("_id", id), eq("round", from), eq("sweep", RUNNING)), Updates.set("round", to));
    }

    /** A round found no live ad left: the sweep is done, having pulled {@code pulled} in all. */
    boolean finishSweep(ObjectId id, int round, long pulled, Map<String, Long> byInstance, Instant at) {
        return guarded(
                and(eq("_id", id), eq("round", round), eq("sweep", RUNNING)),
                Updates.set("sweep", Suspension.Sweep.DONE.name()),
                Updates.set("pulled", pulled),
                Updates.set("pulledByInstance", new org.bson.Document(new java.util.LinkedHashMap<>(byInstance))),
                Updates.set("sweepFinishedAt", at));
    }

    /** Lifts an active suspension; false when it was not active. */
    boolean lift(ObjectId id, String by, Instant at, Publication publication) {
        return guarded(
                and(eq("_id", id), eq("state", ACTIVE)),
                Updates.set("state", Suspension.State.LIFTED.name()),
                // Frees the category for a later suspension (see SuspensionDocument.activeKey).
                Updates.set("activeKey", "lifted:" + id.toHexString()),
                Updates.set("liftedAt", at),
                Updates.set("liftedBy", by),
                Outbox.add(publication));
    }

    private boolean guarded(Bson filter, Bson... changes) {
        List<Bson> all = new ArrayList<>(List.of(changes));
        all.add(Updates.inc("version", 1L));
        return mongoCollection().updateOne(filter, Updates.combine(all)).getModifiedCount() == 1;
    }
}
