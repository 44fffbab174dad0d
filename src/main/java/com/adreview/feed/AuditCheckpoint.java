package com.adreview.feed;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * A signed checkpoint of the audit trail, as the feed publishes it: every reader and webhook
 * subscriber gets a copy, which it can later give back to {@code POST /v1/audit/verify} to check that
 * the trail still extends it (that nobody rewrote or cut the trail behind it since).
 *
 * @param seq the feed position (not the trail's)
 * @param at when it was published
 */
@Schema(
        name = "AuditCheckpointEntry",
        description = "A signed checkpoint of the audit trail, published for witnesses: keep `checkpoint`, and"
                + " give it back to POST /v1/audit/verify to check the trail still extends it.",
        requiredProperties = "kind",
        properties =
                @SchemaProperty(
                        name = "kind",
                        description = "AUDIT_CHECKPOINT",
                        example = "AUDIT_CHECKPOINT",
                        enumeration = "AUDIT_CHECKPOINT"))
public record AuditCheckpoint(
        @Schema(description = "Position in the feed.") long seq,
        @Schema(description = "When it was published.") Instant at,
        @Schema(description = "The checkpoint, exactly as GET /v1/audit/checkpoints/latest serves it.")
                Signed checkpoint)
        implements FeedEntry {

    /** The checkpoint itself: the fields of the audit API's checkpoint, the signed text included. */
    @Schema(name = "AuditCheckpointSigned", description = "A signed checkpoint of the audit trail.")
    public record Signed(
            @Schema(description = "The trail entry it pins.") long seq,
            @Schema(description = "That entry's hash.") String hash,
            @Schema(description = "When it was signed.") Instant at,
            @Schema(description = "Ed25519.") String algorithm,
            @Schema(description = "The signing key's public half, X.509, base64.") String publicKey,
            @Schema(description = "The signature, base64.") String signature,
            @Schema(description = "The signed text.") String message) {

        Document toDocument() {
            return new Document("seq", seq)
                    .append("hash", hash)
                    .append("at", Date.from(at))
                    .append("algorithm", algorithm)
                    .append("publicKey", publicKey)
                    .append("signature", signature)
                    .append("message", message);
        }

        static Signed fromDocument(Document d) {
            return new Signed(
                    d.getLong("seq"),
                    d.getString("hash"),
                    d.getDate("at").toInstant(),
                    d.getString("algorithm"),
                    d.getString("publicKey"),
                    d.getString("signature"),
                    d.getString("message"));
        }
    }

    @Override
    public Kind kind() {
        return Kind.AUDIT_CHECKPOINT;
    }

    /** As stored in the feed (whose entries add their number as {@code _id}). */
    @Override
    public Document toDocument() {
        return new Document("kind", kind().name())
                .append("at", Date.from(at))
                .append("checkpoint", checkpoint.toDocument());
    }

    static AuditCheckpoint fromDocument(Document d) {
        return new AuditCheckpoint(
                d.getLong("_id"),
                d.getDate("at").toInstant(),
                Signed.fromDocument(d.get("checkpoint", Document.class)));
    }
}
