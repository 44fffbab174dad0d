package com.adreview.surge;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;

/** A complaint-surge alert as stored; the API sees {@link AlertView}. */
@MongoEntity(collection = "alerts")
public class AlertDocument {

    /** Publications (audit event and feed entry) of writes to this alert not yet published. */
    public List<org.bson.Document> outbox;

    public ObjectId id;
    public String scope;
    public String subject;

    /** {@code scope:subject} while open, something unique once acknowledged: one open alert per subject. */
    public String openKey;

    public String subjectKey;
    public AlertState state;
    public Instant openedAt;
    public Instant updatedAt;

    /** The moment the numbers are as of: the arrival of the complaint that checked them, or a periodic check. */
    public Instant asOf;

    public int recentCount;
    public double baselinePerDay;
    public double expected;
    public double tailProbability;
    public int entitiesRisingCount;
    public List<String> entitiesRising;

    /** Daily counts (24-hour periods ending at {@link #asOf}), oldest first. */
    public List<Integer> trend;

    public int recentDays;
    public int baselineDays;
    public String policyVersion;

    public Instant acknowledgedAt;
    public String acknowledgedBy;
    public String note;

    public long version;
}
