package com.adreview.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An entry of the audit trail as stored, for auditors. */
@Schema(name = "AuditEntry", description = "One entry of the hash-chained audit trail.")
public record AuditEntryView(
        @Schema(description = "Position in the trail: 1, 2, 3, … without gaps.") long seq,
        @Schema(description = "When it happened.") Instant at,
        @Schema(
                        description = "Who did it: system, user:<name> (staff), gateway:<account>/<key id>.",
                        example = "user:li")
                String actor,
        @Schema(description = "What was done.") AuditAction action,
        @Schema(description = "What it was done to.", example = "submission:6b0e…") String subject,
        @Schema(description = "The subject's relevant state before, when it existed.", implementation = Object.class)
                JsonNode before,
        @Schema(
                        description = "Its state after: for a decision, the decision with its findings and evidence.",
                        implementation = Object.class)
                JsonNode after,
        @Schema(description = "The policy pack version that decided, when a decision was involved.")
                String policyVersion,
        @Schema(description = "Unique key of the event (appending it again records nothing).") String key,
        @Schema(description = "Hash of the entry before (64 zeros for the first).") String prevHash,
        @Schema(description = "SHA-256 (hex) of this entry's canonical encoding, every field but this one.")
                String hash) {

    static AuditEntryView of(Document d) {
        return new AuditEntryView(
                d.getLong("_id"),
                d.getDate("at").toInstant(),
                d.getString("actor"),
                AuditAction.valueOf(d.getString("action")),
                d.getString("subject"),
                Documents.json(d.get("before")),
                Documents.json(d.get("after")),
                d.getString("policyVersion"),
                d.getString("key"),
                d.getString("prevHash"),
                d.getString("hash"));
    }
}
