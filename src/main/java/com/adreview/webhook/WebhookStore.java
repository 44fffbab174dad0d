package com.adreview.webhook;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;

/** Webhook subscribers and their delivery attempts. */
@ApplicationScoped
class WebhookStore implements PanacheMongoRepositoryBase<WebhookSubscriberDocument, ObjectId> {

    void onStart(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("active"));
        deliveries().createIndex(Indexes.compoundIndex(Indexes.ascending("subscriberId"), Indexes.descending("at")));
    }

    public Optional<WebhookSubscriberDocument> byId(String id) {
        return ObjectId.isValid(id) ? findByIdOptional(new ObjectId(id)) : Optional.empty();
    }

    public List<WebhookSubscriberDocument> activeSubscribers() {
        return mongoCollection().find(eq("active", true)).into(new ArrayList<>());
    }

    public List<WebhookSubscriberDocument> newestFirst() {
        return mongoCollection().find().sort(Sorts.descending("createdAt")).into(new ArrayList<>());
    }

    /** Moves the cursor past a delivered change, unless another deliverer already moved it. */
    public boolean delivered(WebhookSubscriberDocument s, long seq) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", s.id), eq("version", s.version), eq("cursor", s.cursor)),
                                Updates.combine(
                                        Updates.set("cursor", seq),
                                        Updates.set("failures", 0),
                                        Updates.set("nextAttemptAt", null),
                                        Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }

    /** Records a failed attempt and when to try again. */
    public boolean failed(WebhookSubscriberDocument s, Instant retryAt) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", s.id), eq("version", s.version)),
                                Updates.combine(
                                        Updates.inc("failures", 1),
                                        Updates.set("nextAttemptAt", retryAt),
                                        Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }

    public boolean deactivate(ObjectId id) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", id), eq("active", true)),
                                Updates.combine(Updates.set("active", false), Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }

    public void recordAttempt(WebhookDeliveryDocument attempt) {
        deliveries().insertOne(attempt);
    }

    public List<WebhookDeliveryDocument> attempts(ObjectId subscriber, int limit) {
        return deliveries()
                .find(eq("subscriberId", subscriber))
                .sort(Sorts.descending("at", "_id")) // ties (two sends of one attempt, same millisecond): as inserted
                .limit(limit)
                .into(new ArrayList<>());
    }

    private com.mongodb.client.MongoCollection<WebhookDeliveryDocument> deliveries() {
        return mongoDatabase().getCollection("webhookDeliveries", WebhookDeliveryDocument.class);
    }
}
