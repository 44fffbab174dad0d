package com.adreview.security;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;

/** A gateway's API key as stored: only a hash of its secret; the key itself is shown once, at creation. */
@MongoEntity(collection = "apiKeys")
public class ApiKeyDocument {

    @BsonId
    public String id;

    /** The advertiser account (tenant) the key submits for. */
    public String accountId;

    public String label;

    /** Hex SHA-256 of the secret part of the key. */
    public String secretHash;

    public Instant createdAt;
    public String createdBy;
    public Instant revokedAt;
    public String revokedBy;

    /** Publications (audit events) of writes to this key not yet published. */
    public List<Document> outbox;
}
