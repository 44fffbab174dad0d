package com.adreview.feed;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An entry of the feed, numbered in feed order: an ad's status change, or a signed checkpoint of the
 * audit trail published so that everyone who reads the feed keeps a copy (a witness the store's writer
 * cannot reach), or a complaint-surge alert. Its {@code kind} says which; a reader skips kinds it does not know.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AdChange.class, name = "AD_STATUS"),
    @JsonSubTypes.Type(value = AuditCheckpoint.class, name = "AUDIT_CHECKPOINT"),
    @JsonSubTypes.Type(value = SurgeAlertEntry.class, name = "SURGE_ALERT")
})
@Schema(
        name = "FeedEntry",
        description = "An entry of the feed; `kind` says which. Readers skip kinds they do not know.",
        oneOf = {AdChange.class, AuditCheckpoint.class, SurgeAlertEntry.class},
        discriminatorProperty = "kind",
        discriminatorMapping = {
            @DiscriminatorMapping(value = "AD_STATUS", schema = AdChange.class),
            @DiscriminatorMapping(value = "AUDIT_CHECKPOINT", schema = AuditCheckpoint.class),
            @DiscriminatorMapping(value = "SURGE_ALERT", schema = SurgeAlertEntry.class)
        })
public sealed interface FeedEntry permits AdChange, AuditCheckpoint, SurgeAlertEntry {

    /** Position in the feed: 1, 2, 3, … shared by every kind. */
    long seq();

    Instant at();

    Kind kind();

    /** As stored in the feed (whose entries add their number as {@code _id}) and in an outbox. */
    Document toDocument();

    enum Kind {
        /** An ad's status changed ({@link AdChange}). */
        AD_STATUS,
        /** The audit trail was signed ({@link AuditCheckpoint}). */
        AUDIT_CHECKPOINT,
        /** A complaint-surge alert was opened, updated or acknowledged ({@link SurgeAlertEntry}). */
        SURGE_ALERT
    }

    /** From its stored form: entries stored before there were kinds are ad status changes. */
    static FeedEntry fromDocument(Document d) {
        String kind = d.getString("kind");
        if (kind == null || Kind.AD_STATUS.name().equals(kind)) {
            return AdChange.fromDocument(d);
        }
        return Kind.SURGE_ALERT.name().equals(kind) ? SurgeAlertEntry.fromDocument(d) : AuditCheckpoint.fromDocument(d);
    }
}
