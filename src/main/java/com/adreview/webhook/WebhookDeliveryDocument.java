package com.adreview.webhook;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.types.ObjectId;

/** One attempt to deliver one change to one subscriber. */
@MongoEntity(collection = "webhookDeliveries")
public class WebhookDeliveryDocument {

    public ObjectId id;
    public ObjectId subscriberId;
    public long seq;
    public int attempt;
    public Instant at;

    /** DELIVERED or FAILED. */
    public DeliveryOutcome outcome;

    /** The subscriber's HTTP status, or 0 when it could not be reached. */
    public int status;

    public String error;
    public long millis;
}
