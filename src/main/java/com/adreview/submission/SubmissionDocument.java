package com.adreview.submission;

import com.adreview.engine.Category;
import com.adreview.engine.SubmissionStatus;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * One revision of an ad as stored: the package as received, the decision on it, and what the API
 * filters by. Never bound from a request; state changes go through version-guarded updates.
 */
@MongoEntity(collection = "submissions")
public class SubmissionDocument {

    public ObjectId id;

    /** The advertiser account the submission belongs to (the tenant). */
    public String accountId;

    public String adId;
    public int revision;

    /** Whether this is the ad's latest revision: only the latest revision of an ad can be live. */
    public boolean current;

    public Category category;
    public SubmissionStatus status;

    /** Identifiers of the advertising entity, for complaint matching. */
    public String creditCode;

    public String productDomain;
    public String appId;

    /** The package exactly as received (field names and values of the request body). */
    public Document adPackage;

    /** The decision: policy version, time, findings with evidence. */
    public Document decision;

    public String policyVersion;
    public List<String> topics;
    public Instant receivedAt;

    /** The UTC date it was received (yyyy-MM-dd), and its decision's status and rule ids: what the dashboard counts. */
    public String receivedDay;

    public String decidedStatus;
    public List<String> ruleIds;

    /**
     * True when the live path counted it in the day counts as it was stored; absent on revisions stored
     * before day counts were kept, which the day-count backfill counts instead.
     */
    public Boolean dayCounted;

    /** Who submitted it: {@code gateway:<account>/<key id>}. */
    public String submittedBy;

    public Instant updatedAt;

    /**
     * When a person last put or kept this revision live (an approval after review, a reinstatement, a
     * granted appeal): automatic re-evaluations count only the complaints recorded after it.
     */
    public Instant verdictAt;

    /** Every change of status after the decision at intake, oldest first. */
    public List<Document> statusChanges;

    /** What the evaluation depended on besides the package (time, complaint record, suspensions), for replay. */
    public Document decisionContext;

    /** Publications (audit events, feed entries) of writes to this submission not yet published. */
    public List<Document> outbox;

    /** Optimistic-concurrency counter, incremented by every update. */
    public long version;
}
