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
 * cannot reach). Its {@code kind} says which; a reader skips kinds it does not know.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AdChange.class, name = "AD_STATUS"),
    @JsonSubTypes.Type(value = AuditCheckpoint.class, name = "AUDIT_CHECKPOINT")
})
@Schema(
        name = "FeedEntry",
        description = "An entry of the feed; `kind` says which. Readers skip kinds they do not know.",
        oneOf = {AdChange.class, AuditCheckpoint.class},
        discriminatorProperty = "kind",
        discriminatorMapping = {
            @DiscriminatorMapping(value = "AD_STATUS", schema = AdChange.class),
            @DiscriminatorMapping(value = "AUDIT_CHECKPOINT", schema = AuditCheckpoint.class)
        })
public sealed interface FeedEntry permits AdChange, AuditCheckpoint {

    /** Position in the feed: 1, 2, 3, … shared by every kind. */
    long seq();

    Instant at();

    Kind kind();

    enum Kind {
        /** An ad's status changed ({@link AdChange}). */
        AD_STATUS,
        /** The audit trail was signed ({@link AuditCheckpoint}). */
        AUDIT_CHECKPOINT
    }

    /** From its stored form: entries stored before there were kinds are ad status changes. */
    static FeedEntry fromDocument(Document d) {
        String kind = d.getString("kind");
        return kind == null || Kind.AD_STATUS.name().equals(kind)
                ? AdChange.fromDocument(d)
                : AuditCheckpoint.fromDocument(d);
    }
}
