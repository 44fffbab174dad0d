package com.adreview.audit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A signed checkpoint of the trail, as served and as published in the feed; and as an auditor or a
 * witness gives one back to be checked (the constraints are those of that request).
 */
@Schema(name = "AuditCheckpoint", description = "A signed checkpoint of the trail.")
public record CheckpointView(
        @Schema(description = "The entry it pins.") @NotNull @Positive Long seq,
        @Schema(description = "That entry's hash (SHA-256, 64 lowercase hex digits).")
                @NotNull
                @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lowercase hex digits (a SHA-256)")
                String hash,
        @Schema(description = "When it was signed.") @NotNull Instant at,
        @Schema(description = "Ed25519.") @Pattern(regexp = "Ed25519", message = "must be Ed25519") String algorithm,
        @Schema(description = "The signing key's public half, X.509, base64.") @NotBlank String publicKey,
        @Schema(description = "The signature, base64.") @NotBlank String signature,
        @Schema(
                        description = "The signed text: adreview-audit-checkpoint\\nseq=<seq>\\nhash=<hash>\\nat=<at>,"
                                + " in UTF-8. Optional in a request (it follows from seq, hash and at).")
                String message) {

    static CheckpointView of(Document d) {
        long seq = d.getLong("_id");
        Instant at = d.getDate("at").toInstant();
        return new CheckpointView(
                seq,
                d.getString("hash"),
                at,
                d.getString("algorithm"),
                d.getString("publicKey"),
                d.getString("signature"),
                CheckpointService.message(seq, d.getString("hash"), at));
    }

    /** A checkpoint kept outside the service, given back to be checked against the trail. */
    @Schema(name = "AuditWitnessRequest", description = "A checkpoint to check the trail against.")
    public record WitnessRequest(
            @Schema(
                            description =
                                    "A checkpoint exactly as GET /v1/audit/checkpoints/latest served it, or as the"
                                            + " feed delivered it (its `checkpoint`).")
                    @NotNull
                    @jakarta.validation.Valid
                    CheckpointView checkpoint) {}
}
