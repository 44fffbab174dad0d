package com.adreview.simulation;

import com.adreview.engine.Category;
import com.adreview.engine.SubmissionStatus;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

/** A decision the shadow pack disagreed with, kept as a sample. */
@MongoEntity(collection = "policyShadowAds")
public class ShadowAdDocument {

    @BsonId
    public ObjectId id;

    public ObjectId installation;
    public Instant decidedAt;
    public String accountId;
    public String adId;
    public Category category;
    public SubmissionStatus from;
    public SubmissionStatus to;
    public List<Document> appearing;
    public List<Document> disappearing;
}
