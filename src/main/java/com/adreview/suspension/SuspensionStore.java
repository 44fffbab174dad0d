package com.adreview.suspension;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.adreview.decision.Category;
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
import java.util.Optional;
import java.util.Set;
import org.bson.types.ObjectId;

/** Category suspensions; every change is a single guarded update. */
@ApplicationScoped
public class SuspensionStore implements PanacheMongoRepositoryBase<SuspensionDocument, ObjectId> {

    public static final String ACTIVE = "ACTIVE";
    public static final String LIFTED = "LIFTED";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";

    void onStart(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("state", "category"));
        mongoCollection()
                .createIndex(
                        Indexes.ascending("activeKey"),
                        new IndexOptions().unique(true).name("one_active_per_category"));
    }

    /** The categories suspended now. */
    public Set<Category> activeCategories() {
        Set<Category> out = EnumSet.noneOf(Category.class);
        for (SuspensionDocument d : mongoCollection().find(eq("state", ACTIVE))) {
            out.add(Category.valueOf(d.category));
        }
        return out;
    }

    public Optional<SuspensionDocument> activeFor(Category category) {
        return Optional.ofNullable(mongoCollection()
                .find(and(eq("state", ACTIVE), eq("category", category.name())))
                .first());
    }

    public Optional<SuspensionDocument> byId(String id) {
        return ObjectId.isValid(id) ? findByIdOptional(new ObjectId(id)) : Optional.empty();
    }

    public List<SuspensionDocument> newestFirst() {
        return mongoCollection().find().sort(Sorts.descending("createdAt")).into(new ArrayList<>());
    }

    /** Suspensions whose sweep was interrupted (a restart, a crash) and must go on. */
    public List<SuspensionDocument> unfinishedSweeps() {
        return mongoCollection()
                .find(and(eq("state", ACTIVE), eq("sweep", RUNNING)))
                .into(new ArrayList<>());
    }

    public void addPulled(ObjectId id, long count) {
        mongoCollection()
                .updateOne(eq("_id", id), Updates.combine(Updates.inc("pulled", count), Updates.inc("version", 1L)));
    }

    public void finishSweep(ObjectId id, Instant at) {
        mongoCollection()
                .updateOne(
                        and(eq("_id", id), eq("sweep", RUNNING)),
                        Updates.combine(
                                Updates.set("sweep", DONE),
                                Updates.set("sweepFinishedAt", at),
                                Updates.inc("version", 1L)));
    }

    /** Lifts an active suspension; false when it was not active. */
    public boolean lift(ObjectId id, Instant at) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", id), eq("state", ACTIVE)),
                                Updates.combine(
                                        Updates.set("state", LIFTED),
                                        // Frees the category for a later suspension (see SuspensionDocument.activeKey).
                                        Updates.set("activeKey", "lifted:" + id.toHexString()),
                                        Updates.set("liftedAt", at),
                                        Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }
}
