package com.adreview.feed;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** A feed entry as stored; its id is its sequence number. */
@MongoEntity(collection = "adChanges")
public class AdChangeDocument {

    @BsonId
    public Long seq;

    public Instant at;
    public String submissionId;
    public String adId;
    public String accountId;
    public int revision;
    public String from;
    public String to;
    public String cause;
}
