package com.adreview.surge;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.adreview.api.PageRequest;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.Publication;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
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
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Complaint-surge alerts in MongoDB: at most one open per subject (a unique key), listed newest first. */
@ApplicationScoped
class AlertStore implements PanacheMongoRepositoryBase<AlertDocument, ObjectId> {

    static final String COLLECTION = "alerts";

    void onStart(@Observes StartupEvent event) {
        var c = mongoCollection();
        c.createIndex(
                Indexes.ascending("openKey"), new IndexOptions().unique(true).name("one_open_alert_per_subject"));
        c.createIndex(Indexes.ascending("state", "openedAt", "_id"), new IndexOptions().name("by_state"));
        c.createIndex(Indexes.descending("openedAt", "_id"), new IndexOptions().name("newest"));
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("subjectKey"), Indexes.descending("openedAt")));
    }

    Optional<AlertDocument> byId(String id) {
        return ObjectId.isValid(id) ? findByIdOptional(new ObjectId(id)) : Optional.empty();
    }

    Optional<AlertDocument> openOf(String subjectKey) {
        return Optional.ofNullable(
                mongoCollection().find(eq("openKey", subjectKey)).first());
    }

    /** The subject's most recently opened alert that is acknowledged, if any. */
    Optional<AlertDocument> lastAcknowledgedOf(String subjectKey) {
        return Optional.ofNullable(mongoCollection()
                .find(and(eq("subjectKey", subjectKey), eq("state", AlertState.ACKNOWLEDGED.name())))
                .sort(Sorts.descending("openedAt"))
                .first());
    }

    /** Inserts a new open alert; false when the subject has an open one already. */
    boolean insertOpen(AlertDocument doc) {
        try {
            persist(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** New numbers for an open alert, if it is still as read. */
    boolean update(AlertDocument read, AlertDocument numbers, Instant at) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", read.id), eq("version", read.version)),
                                Updates.combine(
                                        Updates.set("asOf", numbers.asOf),
                                        Updates.set("updatedAt", at),
                                        Updates.set("recentCount", numbers.recentCount),
                                        Updates.set("baselinePerDay", numbers.baselinePerDay),
                                        Updates.set("expected", numbers.expected),
                                        Updates.set("tailProbability", numbers.tailProbability),
                                        Updates.set("entitiesRisingCount", numbers.entitiesRisingCount),
                                        Updates.set("entitiesRising", numbers.entitiesRising),
                                        Updates.set("trend", numbers.trend),
                                        Updates.set("recentDays", numbers.recentDays),
                                        Updates.set("baselineDays", numbers.baselineDays),
                                        Updates.set("policyVersion", numbers.policyVersion),
                                        Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }

    /** Acknowledges an open alert, if it is still as read; its publication goes in its outbox. */
    boolean acknowledge(AlertDocument read, String by, Instant at, String note, Publication publication) {
        return mongoCollection()
                        .updateOne(
                                and(
                                        eq("_id", read.id),
                                        eq("version", read.version),
                                        eq("state", AlertState.OPEN.name())),
                                Updates.combine(
                                        Updates.set("state", AlertState.ACKNOWLEDGED.name()),
                                        Updates.set("openKey", "acknowledged:" + read.id.toHexString()),
                                        Updates.set("acknowledgedAt", at),
                                        Updates.set("acknowledgedBy", by),
                                        Updates.set("note", note),
                                        Updates.set("updatedAt", at),
                                        Updates.inc("version", 1L),
                                        Outbox.add(publication)))
                        .getModifiedCount()
                == 1;
    }

    /** Newest first, of a state or all; one more than the page to see whether another follows. */
    List<AlertDocument> page(AlertState state, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (state != null) {
            filters.add(eq("state", state.name()));
        }
        if (page.after() != null) {
            Date after = Date.from(page.after());
            filters.add(or(lt("openedAt", after), and(eq("openedAt", after), lt("_id", new ObjectId(page.afterId())))));
        }
        Bson filter = filters.isEmpty() ? new org.bson.Document() : and(filters);
        return mongoCollection()
                .find(filter)
                .sort(Sorts.descending("openedAt", "_id"))
                .limit(page.limit() + 1)
                .into(new ArrayList<>());
    }

    long countOpen() {
        return mongoCollection().countDocuments(eq("state", AlertState.OPEN.name()));
    }
}
