package com.adreview.feed;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * A complaint-surge alert opened, updated or acknowledged, as the feed (and every webhook subscriber)
 * hears of it. It changes no ad: it tells people that a category or an entity is drawing far more
 * complaints than its own usual; {@code GET /v1/alerts/{alertId}} has the trend.
 */
@Schema(
        name = "SurgeAlertEntry",
        description = "A complaint-surge alert opened, updated or acknowledged. It changes no ad.",
        requiredProperties = "kind",
        properties =
                @SchemaProperty(
                        name = "kind",
                        description = "SURGE_ALERT",
                        example = "SURGE_ALERT",
                        enumeration = "SURGE_ALERT"))
public record SurgeAlertEntry(
        @Schema(description = "Position in the feed.") long seq,
        @Schema(description = "When it happened.") Instant at,
        @Schema(description = "The alert (GET /v1/alerts/{id}).") String alertId,
        @Schema(
                        description = "What happened to it.",
                        enumeration = {"OPENED", "UPDATED", "ACKNOWLEDGED"})
                String event,
        @Schema(description = "CATEGORY or ENTITY.", example = "CATEGORY") String scope,
        @Schema(description = "The category's name or the entity's key.", example = "P2P_LENDING") String subject,
        @Schema(description = "Complaints in the recent window.") int recentCount,
        @Schema(description = "Chance of at least that many at the subject's baseline rate (Poisson).")
                double tailProbability,
        @Schema(description = "For a category: how many of its entities rose at once.") int entitiesRising)
        implements FeedEntry {

    @Override
    public Kind kind() {
        return Kind.SURGE_ALERT;
    }

    @Override
    public Document toDocument() {
        return new Document("kind", kind().name())
                .append("at", Date.from(at))
                .append("alertId", alertId)
                .append("event", event)
                .append("scope", scope)
                .append("subject", subject)
                .append("recentCount", recentCount)
                .append("tailProbability", tailProbability)
                .append("entitiesRising", entitiesRising);
    }

    /** From its stored form; the sequence number is the {@code _id} of a feed entry, 0 in an outbox. */
    public static SurgeAlertEntry fromDocument(Document d) {
        Object seq = d.get("_id");
        return new SurgeAlertEntry(
                seq instanceof Number n ? n.longValue() : 0,
                d.getDate("at").toInstant(),
                d.getString("alertId"),
                d.getString("event"),
                d.getString("scope"),
                d.getString("subject"),
                d.getInteger("recentCount"),
                d.getDouble("tailProbability"),
                d.getInteger("entitiesRising"));
    }
}
