package com.adreview.feed;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/** One status change of an ad, as the ad-serving side reads it from the feed. */
@Schema(
        name = "AdChange",
        description = "A change of an ad's status, in feed order.",
        requiredProperties = "kind",
        properties =
                @SchemaProperty(
                        name = "kind",
                        description = "AD_STATUS",
                        example = "AD_STATUS",
                        enumeration = "AD_STATUS"))
public record AdChange(
        @Schema(description = "Position in the feed; strictly increasing.", example = "1042") long seq,
        @Schema(description = "When the status changed.") Instant at,
        @Schema(description = "The submission (revision) whose status changed.") String submissionId,
        @Schema(description = "The advertiser's id of the ad.") String adId,
        @Schema(description = "Advertiser account.") String accountId,
        @Schema(description = "Revision number.") int revision,
        @Schema(description = "Status before; absent for a new submission.") String from,
        @Schema(description = "Status now.") String to,
        @Schema(description = "What changed it: SUBMISSION, COMPLAINT, …", example = "COMPLAINT") String cause)
        implements FeedEntry {

    @Override
    public Kind kind() {
        return Kind.AD_STATUS;
    }

    /** As stored: in the feed (whose entries add their number as {@code _id}) and in an outbox. */
    @Override
    public org.bson.Document toDocument() {
        return new org.bson.Document("at", java.util.Date.from(at))
                .append("submissionId", submissionId)
                .append("adId", adId)
                .append("accountId", accountId)
                .append("revision", revision)
                .append("from", from)
                .append("to", to)
                .append("cause", cause)
                .append("day", at.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
    }

    /** From its stored form; the sequence number is the {@code _id} of a feed entry, 0 elsewhere. */
    public static AdChange fromDocument(org.bson.Document d) {
        Object seq = d.get("_id");
        return new AdChange(
                seq instanceof Number n ? n.longValue() : 0,
                d.getDate("at").toInstant(),
                d.getString("submissionId"),
                d.getString("adId"),
                d.getString("accountId"),
                d.getInteger("revision"),
                d.getString("from"),
                d.getString("to"),
                d.getString("cause"));
    }

    /** A change to append; the feed gives it its sequence number. */
    public static AdChange of(
            Instant at,
            String submissionId,
            String adId,
            String accountId,
            int revision,
            String from,
            String to,
            String cause) {
        return new AdChange(0, at, submissionId, adId, accountId, revision, from, to, cause);
    }
}
