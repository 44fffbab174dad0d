package com.adreview.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What verifying the trail found. */
@Schema(name = "AuditVerification", description = "What verifying the trail found.")
public record VerificationView(
        @Schema(
                        description = "VERIFIED: every entry checks out and a checkpoint signed with this service's key"
                                + " covers them all. UNVERIFIED_TAIL: everything checks out, but the newest entries"
                                + " (unverifiedTail) come after the last checkpoint, so nothing signed vouches for"
                                + " them: they could have been cut or rewritten unnoticed. BROKEN: an entry or a"
                                + " checkpoint fails (firstBadSeq, problem).")
                Status status,
        @Schema(
                        description = "The whole trail is vouched for: status VERIFIED. Never true while entries"
                                + " after the last checkpoint are unverified.")
                boolean intact,
        @Schema(description = "No entry and no checkpoint fails (true for VERIFIED and UNVERIFIED_TAIL).")
                boolean consistent,
        @Schema(description = "Entries checked before the first problem (all, when intact).") long entries,
        @Schema(description = "The trail's last seq.") long lastSeq,
        @Schema(description = "The hash of the last good entry.") String lastHash,
        @Schema(description = "The first entry (or checkpoint) that fails, when one does.") Long firstBadSeq,
        @Schema(description = "What is wrong with it.") String problem,
        @Schema(description = "Signed checkpoints verified.") long checkpointsVerified,
        @Schema(
                        description = "Checkpoints signed with the development key earlier releases shipped (its"
                                + " private half is public, so they prove nothing): set aside, not counted.")
                long checkpointsRetired,
        @Schema(description = "The seq up to which a verified checkpoint vouches for the trail; absent when none.")
                Long verifiedThrough,
        @Schema(description = "The entries after verifiedThrough; absent when there are none or the trail is broken.")
                Tail unverifiedTail,
        @Schema(description = "The check of a checkpoint given in the request (POST only).") WitnessCheck witness) {

    @Schema(name = "AuditVerificationStatus")
    public enum Status {
        VERIFIED,
        UNVERIFIED_TAIL,
        BROKEN
    }

    @Schema(name = "AuditUnverifiedTail", description = "Entries no verified checkpoint covers yet.")
    public record Tail(
            @Schema(description = "How many.") long count,
            @Schema(description = "The first of them.") long fromSeq,
            @Schema(description = "The last of them (the trail's last seq).") long toSeq) {}

    @Schema(
            name = "AuditWitnessCheck",
            description = "A checkpoint kept outside the service, checked against the trail.")
    public record WitnessCheck(
            @Schema(description = "The entry the checkpoint pins.") long seq,
            @Schema(description = "Its signature verifies under this service's key.") boolean signatureValid,
            @Schema(description = "The trail still holds, at that seq, the entry the checkpoint signed.")
                    boolean trailExtends,
            @Schema(description = "What is wrong, when something is.") String problem) {}
}
