package com.adreview.webhook;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.types.ObjectId;

/** A subscriber of the ad change feed and how far its deliveries have come. */
@MongoEntity(collection = "webhookSubscribers")
public class WebhookSubscriberDocument {

    public ObjectId id;
    public String url;

    /** The key the bodies are signed with (HMAC-SHA256); shown to the operator once, at creation. */
    /**
     * The signing secret of a subscriber registered before secrets were derived from the configured key
     * ({@link WebhookSecrets}); null for every later one, whose secret is stored nowhere.
     */
    public String secret;

    public Instant createdAt;
    public boolean active;

    /** The last feed sequence number delivered (2xx) to this subscriber. */
    public long cursor;

    /** Failed attempts at the next change, and when to try again. */
    public int failures;

    public Instant nextAttemptAt;
    public long version;
}
