package com.adreview.simulation;

import com.adreview.engine.Category;
import com.adreview.engine.SubmissionStatus;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.util.List;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

/** An ad a simulation found affected: its status under each pack and the findings that differ. */
@MongoEntity(collection = "policySimulationAds")
public class SimulationAdDocument {

    /** {@code <simulation>:<scope>:<submission>}: a step made twice records each ad once. */
    @BsonId
    public String id;

    public ObjectId simulationId;
    public String scope;
    public ObjectId submissionId;
    public String accountId;
    public String adId;
    public int revision;
    public Category category;

    /** Its status in the store when it was decided. */
    public SubmissionStatus status;

    public SubmissionStatus from;
    public SubmissionStatus to;
    public List<Document> appearing;
    public List<Document> disappearing;
}
