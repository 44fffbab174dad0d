package com.adreview.complaint;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.math.BigDecimal;
import java.time.Instant;
import org.bson.types.ObjectId;

/** A complaint as stored; subject identifiers are top-level fields so each has its own index. */
@MongoEntity(collection = "complaints")
public class ComplaintDocument {

    /** Publications (the audit event) of writes to this complaint not yet published. */
    public java.util.List<org.bson.Document> outbox;

    public ObjectId id;
    public String creditCode;
    public String domain;
    public String advertiserAccountId;
    public String appId;
    public ComplaintSource source;
    public ComplaintCategory category;
    public BigDecimal amount;
    public String currency;
    public String description;
    public String reporterId;

    /** The reporter id in the form reporters are compared in ({@link ReporterIds}); null when none was given. */
    public String reporterKey;

    public Instant receivedAt;

    /** The UTC date it was received (yyyy-MM-dd): days are read by an index of equalities. */
    public String receivedDay;

    public Instant recordedAt;

    /** Who recorded it: the caller's identity. */
    public String recordedBy;

    /**
     * The entities the complaint reached when it arrived (each {@code account:<first account>}, or the
     * identifier itself when no account answers it) and the categories they advertised in: what complaint
     * surges are counted by. Null until classified.
     */
    public java.util.List<String> entities;

    public java.util.List<String> adCategories;

    /**
     * True when the live path counted it by source and category as it was stored, and when it counted it
     * by advertised category as it was classified; absent on complaints stored or classified before day
     * counts were kept, which the day-count backfill counts instead.
     */
    public Boolean dayCounted;

    public Boolean categoriesCounted;
}
