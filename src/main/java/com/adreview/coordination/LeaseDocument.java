package com.adreview.coordination;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** A lease on one piece of background work, named by what the work is ({@code webhook:<id>}, {@code sweep:<id>}). */
@MongoEntity(collection = "leases")
public class LeaseDocument {

    @BsonId
    public String name;

    /** The instance holding it. */
    public String owner;

    /** When it runs out unless renewed; after that any instance may take it. */
    public Instant expiresAt;

    public Instant acquiredAt;
}
